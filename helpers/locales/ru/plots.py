"""Russian texts of helpers (plots); keys are the English texts as written in the code."""
MESSAGES = {
}
