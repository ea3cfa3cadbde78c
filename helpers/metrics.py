"""Turning probabilities into decisions: metrics at one threshold, curves over all of them, tuning, and a
check of calibration.

Curves over thresholds are the ones scikit-learn's ROC curve gives (the tests compare), computed in
NumPy; this module adds input checks a student can read and the threshold-tuning rules the notebooks use.
"""
from dataclasses import dataclass

import numpy as np

from helpers.data import as_labels
from helpers.language import _


def check_threshold(threshold: float) -> float:
    """Return the threshold as a float, or raise ValueError if it is not a probability in [0, 1]."""
    if not (isinstance(threshold, (int, float, np.floating)) and 0.0 <= float(threshold) <= 1.0):
        raise ValueError(f"a decision threshold is a probability and must lie in [0, 1]; got {threshold!r}.")
    return float(threshold)


def _probabilities(y_true, probs) -> tuple[np.ndarray, np.ndarray]:
    y = as_labels(y_true).numpy()
    p = np.asarray(probs, dtype=np.float64).reshape(-1)
    if p.shape[0] != y.shape[0]:
        raise ValueError(f"there are {p.shape[0]} probabilities for {y.shape[0]} labels; they must match.")
    if not np.isfinite(p).all() or (p < 0).any() or (p > 1).any():
        raise ValueError("probabilities must be finite numbers in [0, 1]; apply torch.sigmoid to logits first.")
    return y.astype(int), p


@dataclass(frozen=True)
class ThresholdMetrics:
    """The confusion matrix at one threshold and the scores derived from it."""

    threshold: float
    tn: int
    fp: int
    fn: int
    tp: int

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / (self.tp + self.tn + self.fp + self.fn)

    @property
    def precision(self) -> float:
        """Of the cases called positive, the share that are positive (0 when none is called)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Of the positive cases, the share that is caught (also called sensitivity)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def matrix(self) -> np.ndarray:
        """[[tn, fp], [fn, tp]]: rows are the true class, columns the predicted class."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])

    def cost(self, fn_cost: float, fp_cost: float = 1.0) -> float:
        """Average cost per case when a miss costs `fn_cost` and a false alarm `fp_cost`."""
        return (fn_cost * self.fn + fp_cost * self.fp) / (self.tn + self.fp + self.fn + self.tp)

    def summary(self) -> str:
        return _("threshold {threshold:.3f}: accuracy {accuracy:.3f}, precision {precision:.3f}, recall {recall:.3f}, "
                 "F1 {f1:.3f}").format(threshold=self.threshold, accuracy=self.accuracy, precision=self.precision,
                                       recall=self.recall, f1=self.f1)


def predict_labels(probs, threshold: float = 0.5) -> np.ndarray:
    """Class labels from probabilities: 1 where p >= threshold, else 0."""
    return (np.asarray(probs).reshape(-1) >= check_threshold(threshold)).astype(int)


def threshold_metrics(y_true, probs, threshold: float = 0.5) -> ThresholdMetrics:
    """Confusion matrix, accuracy, precision, recall and F1 when deciding at `threshold`."""
    y, p = _probabilities(y_true, probs)
    called, positive = predict_labels(p, threshold) == 1, y == 1
    tp, fp = int((called & positive).sum()), int((called & ~positive).sum())
    fn = int(positive.sum()) - tp
    return ThresholdMetrics(float(threshold), len(y) - tp - fp - fn, fp, fn, tp)


@dataclass(frozen=True)
class ThresholdCurves:
    """Counts and scores at every distinct threshold (ascending), plus the ROC curve and its area."""

    thresholds: np.ndarray
    tp: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    f1: np.ndarray
    n: int  # number of cases scored
    fpr: np.ndarray  # the ROC curve, from (0, 0) to (1, 1)
    tpr: np.ndarray
    auc: float

    def cost(self, fn_cost: float, fp_cost: float = 1.0) -> np.ndarray:
        """Average cost per case at each threshold when a miss costs `fn_cost` and a false alarm `fp_cost`."""
        return (fn_cost * self.fn + fp_cost * self.fp) / self.n


def threshold_curves(y_true, probs) -> ThresholdCurves:
    """Counts, precision, recall and F1 at every threshold, and the ROC curve (as scikit-learn's `roc_curve`
    with drop_intermediate=False, which tests/test_metrics.py checks; written out in NumPy because the
    notebooks call it hundreds of times on small sets, where scikit-learn's input checks dominate)."""
    y, p = _probabilities(y_true, probs)
    if y.min() == y.max():
        raise ValueError("curves over thresholds need both classes among the labels.")
    order = np.argsort(-p, kind="mergesort")
    p_desc, y_desc = p[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(p_desc)), len(p) - 1]  # last case of each distinct probability
    tp_desc = np.cumsum(y_desc)[last].astype(np.float64)  # cases called positive at that threshold: p >= it
    fp_desc = (last + 1) - tp_desc
    positives, negatives = int(y.sum()), len(y) - int(y.sum())
    fpr, tpr = np.r_[0.0, fp_desc / negatives], np.r_[0.0, tp_desc / positives]
    tp, fp = tp_desc[::-1], fp_desc[::-1]  # ascending thresholds from here on
    recall = tp / positives
    precision = np.divide(tp, tp + fp, out=np.zeros_like(tp), where=(tp + fp) > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(tp),
                   where=(precision + recall) > 0)
    return ThresholdCurves(p_desc[last][::-1], tp, fp, positives - tp, precision, recall, f1, len(y),
                           fpr, tpr, float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2)))


def threshold_for_best_f1(y_true, probs) -> float:
    """The threshold with the highest F1 (tune it on validation data, never on the test set)."""
    curves = threshold_curves(y_true, probs)
    return float(curves.thresholds[np.argmax(curves.f1)])


def threshold_for_min_cost(y_true, probs, fn_cost: float, fp_cost: float = 1.0) -> float:
    """The threshold with the lowest average cost when a miss costs `fn_cost` and a false alarm `fp_cost`."""
    if fn_cost < 0 or fp_cost < 0:
        raise ValueError("costs must be zero or positive.")
    curves = threshold_curves(y_true, probs)
    return float(curves.thresholds[np.argmin(curves.cost(fn_cost, fp_cost))])


def threshold_for_recall(y_true, probs, min_recall: float) -> float:
    """The highest threshold that still reaches `min_recall`: catch enough positives, raise fewest alarms."""
    if not 0 < min_recall <= 1:
        raise ValueError(f"min_recall must lie in (0, 1]; got {min_recall!r}.")
    curves = threshold_curves(y_true, probs)
    return float(curves.thresholds[curves.recall >= min_recall].max())


@dataclass(frozen=True)
class CalibrationBins:
    """A reliability check: per bin of predicted probability, the mean prediction and the observed share of 1s.

    If the probabilities are calibrated, the observed share in each bin is close to the mean prediction;
    `chi2` adds up the squared gaps, each in units of the variance calibrated probabilities would give, and
    `p_value` is the chance of a total at least this large if they were calibrated (small: not calibrated).
    """

    edges: np.ndarray
    count: np.ndarray      # cases per bin
    predicted: np.ndarray  # mean predicted probability per bin (NaN where the bin is empty)
    observed: np.ndarray   # share of class 1 per bin (NaN where empty)
    low: np.ndarray        # 95% Wilson interval of the observed share
    high: np.ndarray
    chi2: float
    p_value: float


def calibration_bins(y_true, probs, edges=(0.0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0)) -> CalibrationBins:
    """Bin the cases by predicted probability (bins [edges[i], edges[i+1]), the last one closed) and compare
    each bin's mean prediction with its observed share of class 1."""
    from scipy.special import gammaincc  # scipy comes with scikit-learn; imported here, as scikit-learn is

    y, p = _probabilities(y_true, probs)
    edges = np.asarray(edges, dtype=np.float64)
    if edges.ndim != 1 or len(edges) < 2 or edges[0] != 0 or edges[-1] != 1 or (np.diff(edges) <= 0).any():
        raise ValueError("edges must rise strictly from 0 to 1, e.g. (0, 0.1, 0.5, 1).")
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(edges) - 2)
    count = np.bincount(which, minlength=len(edges) - 1)
    positives = np.bincount(which, weights=y, minlength=len(edges) - 1)
    expected = np.bincount(which, weights=p, minlength=len(edges) - 1)
    variance = np.bincount(which, weights=p * (1 - p), minlength=len(edges) - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        predicted, observed = expected / count, positives / count
        z = 1.96  # Wilson's interval: sensible even when a bin holds no positive at all
        centre = (observed + z**2 / (2 * count)) / (1 + z**2 / count)
        half = z * np.sqrt(observed * (1 - observed) / count + z**2 / (4 * count**2)) / (1 + z**2 / count)
    used = variance > 0  # a bin of probabilities 0 and 1 only has no noise: any gap there is infinite
    certain_gap = bool((~used & ~np.isclose(positives, expected)).any())
    chi2 = float("inf") if certain_gap else float(((positives - expected)[used] ** 2 / variance[used]).sum())
    p_value = 0.0 if certain_gap else float(gammaincc(used.sum() / 2, chi2 / 2)) if used.any() else 1.0
    return CalibrationBins(edges, count, predicted, observed, centre - half, centre + half, chi2, p_value)
