"""Russian texts of helpers (dropout); keys are the English texts as written in the code."""
MESSAGES = {
}
