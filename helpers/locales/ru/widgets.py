"""Russian texts of helpers (widgets); keys are the English texts as written in the code."""
MESSAGES = {
}
