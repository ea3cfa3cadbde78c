"""Where tensors live and how runs are made repeatable."""
import os
import random

import numpy as np
import torch

SEED = 1337  # the book's companion notebooks seed with 1337; every default seed comes from here
DEVICE_VARIABLE = "HELPERS_DEVICE"  # set to "cpu" (or "cuda", "mps") to override the automatic pick


def pick_device() -> torch.device:
    """Return cuda if present, else mps, else cpu; the HELPERS_DEVICE variable overrides the pick."""
    forced = os.environ.get(DEVICE_VARIABLE, "").strip()
    if forced:
        return torch.device(forced)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def seed_everything(seed: int = SEED) -> int:
    """Seed Python, NumPy and torch (all devices) so a notebook prints the same numbers every run."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return seed
