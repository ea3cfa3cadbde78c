"""Russian texts of helpers (bce); keys are the English texts as written in the code."""
MESSAGES = {
}
