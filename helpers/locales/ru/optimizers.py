"""Russian texts of helpers (optimizers); keys are the English texts as written in the code."""
MESSAGES = {
}
