"""Russian texts of helpers.widgets; keys are the English texts as written in the code."""
MESSAGES = {
    "epoch": "эпоха",
    "L1 strength": "сила L1",
    "training points and the model's decision line": "обучающие точки и разделяющая линия модели",
    "dropout p": "dropout p",
    "learning rate": "скорость обучения",
    "play": "воспроизвести",
    "data and decision line": "данные и разделяющая линия",
    "confusion matrix": "матрица ошибок",
    "scores against the threshold": "метрики в зависимости от порога",
    "logit z": "логит z",
    "target": "метка",
    "training (train mode)": "обучающий набор (режим train)",
    "validation (eval mode)": "оценочный набор (режим eval)",
    "lowest validation loss": "минимум потерь на оценочном наборе",
    "BCE loss (log scale)": "потери BCE (лог. шкала)",
    "loss per epoch": "потери по эпохам",
    "no dropout": "без dropout",
    "training points": "обучающие точки",
    "validation points": "оценочные точки",
    "where this weight_decay leads (closed form)": "куда ведёт этот weight_decay (решение в замкнутой форме)",
    "MSE: training (thin), validation (thick)": "MSE: тонкие — обучение, толстые — оценка",
    "epoch (log scale)": "эпоха (лог. шкала)",
    "loss (log scale)": "потери (лог. шкала)",
    "optimizer": "оптимизатор",
    "loss per epoch (log scale)": "потери по эпохам (лог. шкала)",
    "threshold": "порог",
    "y = {y}, logit z = {z:.2f}, p = sigmoid(z) = {p:.3f} | loss: BCE {bce:.3f}, MSE {mse:.3f} | "
    "gradient: BCE {bce_grad:.3f}, MSE {mse_grad:.3f} (BCE pushes {ratio:.1f} times harder)":
        "y = {y}, логит z = {z:.2f}, p = sigmoid(z) = {p:.3f} | потери: BCE {bce:.3f}, MSE {mse:.3f} | "
        "градиент: BCE {bce_grad:.3f}, MSE {mse_grad:.3f} (BCE толкает в {ratio:.1f} раза сильнее)",
    "dropout p = {p:.2f}: loss train {train:.3f}, validation {val:.3f} (gap {gap:.3f}); accuracy train "
    "{train_acc:.3f}, validation {val_acc:.3f}; lowest validation loss {lowest:.3f} at epoch {best}":
        "dropout p = {p:.2f}: потери на обучающем {train:.3f}, на оценочном {val:.3f} (разрыв {gap:.3f}); доля "
        "правильных ответов на обучающем {train_acc:.3f}, на оценочном {val_acc:.3f}; минимум потерь на "
        "оценочном {lowest:.3f} на эпохе {best}",
    "the true curve": "истинная кривая",
    "weight_decay {weight_decay:.4g}, learning rate {lr:.4g}":
        "weight_decay {weight_decay:.4g}, скорость обучения {lr:.4g}",
    "weight_decay as chosen (see the title)": "weight_decay по выбору (см. заголовок)",
    "MSE (log scale)": "MSE (лог. шкала)",
    "{optimizer}, learning rate {lr:.3g}: loss per epoch (seed {seed})":
        "{optimizer}, скорость обучения {lr:.3g}: потери по эпохам (зерно {seed})",
    "{optimizer}, learning rate {lr:.3g}": "{optimizer}, скорость обучения {lr:.3g}",
    "{setting}, seed {seed}: final training loss {train:.3f}; lowest training loss {lowest:.3f} at epoch {best}":
        "{setting}, зерно {seed}: итоговые потери на обучающем {train:.3f}; минимум потерь на обучающем "
        "{lowest:.3f} на эпохе {best}",
    "weight w": "вес w",
    "bias b": "смещение b",
    "epoch (one full-batch step each)": "эпоха (один шаг по всему набору)",
    "; informative kept: {informative} of {of}": "; информативных: {informative} из {of}",
    "{name} {strength:.3g}: {zero} of {total} weights exactly zero, {others} other features kept":
        "{name} {strength:.3g}: в точности нулевых весов {zero} из {total}, прочих признаков осталось {others}",
    "dropout p = {p:g}": "dropout p = {p:g}",
    "epoch {epoch} of {last}": "эпоха {epoch} из {last}",
    "training loss (train mode)": "потери на обучающем (train)",
    "validation loss": "потери на оценочном",
    "lowest validation loss so far": "минимум на оценочном до сих пор",
    "the trained curve, after {epochs} epochs": "обученная кривая (эпох обучения: {epochs})",
    "; largest gap to the closed-form curve {gap:.3g}": "; наибольший разрыв с кривой в замкнутой форме {gap:.3g}",
    "{setting}: after {epochs} epochs training MSE {train:.3f}, validation MSE {val:.3f}, weight norm {norm:.3f}":
        "{setting}: эпох обучения {epochs}, MSE на обучающем {train:.3f}, на оценочном {val:.3f}, "
        "норма весов {norm:.3f}",
    "; without weight_decay the lowest validation MSE so far is {lowest:.3f}, at epoch {best}":
        "; без weight_decay наименьшая MSE на оценочном к этой эпохе {lowest:.3f}, на эпохе {best}",
    "training loss": "потери на обучающем",
    "lowest possible loss": "наименьшие возможные потери",
    "{setting}, seed {seed}: {status}": "{setting}, зерно {seed}: {status}",
    "{setting}, seed {seed}: final training loss {train:.3f}, validation loss {val:.3f}; lowest validation loss "
    "{lowest:.3f} at epoch {best}":
        "{setting}, зерно {seed}: итоговые потери на обучающем {train:.3f}, на оценочном {val:.3f}; минимум "
        "потерь на оценочном {lowest:.3f} на эпохе {best}",
    "training loss minus its minimum": "потери минус их минимум",
    "training loss\n(contours)": "потери на обучающем\n(изолинии)",
    "start": "старт",
    "learning rate {lr:.3g}: the first {epoch} steps": "скорость обучения {lr:.3g}, шагов: {epoch}",
    " (lowest possible {floor:.3f})": " (наименьшие возможные {floor:.3f})",
    "{name} {strength:.3g}: {kept} of {total} weights non-zero":
        "{name} {strength:.3g}: ненулевых {kept} из {total}",
    "after {epochs} epochs": "эпох обучения: {epochs}",
    "weight_decay = 0, stopped early at epoch {stop}\n(ringed: its lowest validation MSE)":
        "weight_decay = 0, ранняя остановка на эпохе {stop}\n(кольцо: минимум MSE на оценочном наборе)",
    "after {epoch} epochs: weight_decay 0 (dashed), {decay:.2g} (solid)":
        "эпоха {epoch}: weight_decay 0 (штриховая), {decay:.2g} (сплошная)",
    "after {epoch} epoch: weight_decay 0 (dashed), {decay:.2g} (solid)":
        "эпоха {epoch}: weight_decay 0 (штриховая), {decay:.2g} (сплошная)",
    "{name}: training MSE {train:.3f}, validation MSE {val:.3f}":
        "{name}: MSE на обучающем {train:.3f}, на оценочном {val:.3f}",
    "diverged at epoch {epoch}:\nthe loss became NaN or infinite":
        "обучение разошлось на эпохе {epoch}:\nпотери стали NaN или бесконечными",
    "minimum": "минимум",
    " (off the map)": " (за краем карты)",
    "{name}: training loss {train:.3f}, validation {val:.3f}, {islands} island":
        "{name}: потери на обучающем {train:.3f}, на оценочном {val:.3f}, островов: {islands}",
    "{name}: training loss {train:.3f}, validation {val:.3f}, {islands} islands":
        "{name}: потери на обучающем {train:.3f}, на оценочном {val:.3f}, островов: {islands}",
    "{name} diverged at epoch {epoch}": "{name} разошёлся на эпохе {epoch}",
    "{name}: diverged at epoch {epoch}": "{name}: разошёлся на эпохе {epoch}",
    ", learning rate {lr:.3g}: training loss ": ", скорость обучения {lr:.3g}: потери на обучающем ",
    "Could not redraw: {error}": "Не удалось перерисовать: {error}",
    "{tolerance:g} above\nthe minimum": "на {tolerance:g} выше\nминимума",
}
