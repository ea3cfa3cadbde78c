"""Russian texts of helpers (exercises); keys are the English texts as written in the code."""
MESSAGES = {
}
