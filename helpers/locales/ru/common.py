"""Russian texts of helpers.metrics and helpers.train; keys are the English texts as written in the code."""
MESSAGES = {
    "threshold {threshold:.3f}: accuracy {accuracy:.3f}, precision {precision:.3f}, recall {recall:.3f}, "
    "F1 {f1:.3f}":
        "порог {threshold:.3f}: доля правильных ответов {accuracy:.3f}, точность {precision:.3f}, "
        "полнота {recall:.3f}, F1 {f1:.3f}",
    "stopped early after {epochs} epochs; best epoch {best}":
        "ранняя остановка, эпох обучения: {epochs}; лучшая эпоха {best}",
    "finished after {epochs} epochs; best epoch {best}": "обучение завершено, эпох: {epochs}; лучшая эпоха {best}",
    "diverged at epoch {epoch} (the loss became NaN or infinite)":
        "обучение разошлось на эпохе {epoch} (потери стали NaN или бесконечными)",
}
