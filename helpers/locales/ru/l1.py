"""Russian texts of helpers (l1); keys are the English texts as written in the code."""
MESSAGES = {
}
