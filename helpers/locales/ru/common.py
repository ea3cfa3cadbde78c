"""Russian texts of helpers (common); keys are the English texts as written in the code."""
MESSAGES = {
}
