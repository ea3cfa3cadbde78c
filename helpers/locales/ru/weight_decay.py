"""Russian texts of helpers (weight_decay); keys are the English texts as written in the code."""
MESSAGES = {
}
