"""Russian texts of helpers (threshold); keys are the English texts as written in the code."""
MESSAGES = {
}
