"""Russian texts of helpers (optimizers); keys are the English texts as written in the code."""
MESSAGES = {
    # 03.1: the winner of the race at every shared rate
    "the winner at each shared rate where some optimizer settles, as a dict {rate: name}":
        "победителя при каждой общей скорости, где хоть один оптимизатор устанавливается, в виде словаря "
        "{rate: name}",
    "For each index i of LRS, compare speed[name][i] (epochs to settle; inf: never) across the three optimizers: "
    "min(times, key=times.get) gives the winner. Skip the rates where all three are inf (np.isfinite). Then count "
    "the different names with set(winners.values()).":
        "Для каждого индекса i в LRS сравните speed[name][i] (эпох до установления; inf: никогда) у трёх "
        "оптимизаторов: min(times, key=times.get) даёт победителя. Пропустите скорости, где у всех трёх inf "
        "(np.isfinite). Затем посчитайте разные имена: set(winners.values()).",
    "first record your prediction in the prediction cell above, before you run anything: how many different "
    "optimizers win a race somewhere on the grid, 1, 2 or 3? Then run your code and this check.":
        "сначала запишите прогноз в ячейку прогноза выше, прежде чем что-либо запускать: сколько разных "
        "оптимизаторов побеждают в гонке хотя бы при одной скорости сетки: 1, 2 или 3? Затем запустите свой код "
        "и эту проверку.",
    "your prediction should be a number of optimizers: 1, 2 or 3; got {prediction!r}.":
        "прогноз должен быть числом оптимизаторов: 1, 2 или 3; получено {prediction!r}.",
    'winners should be a dict {{rate: name}}, e.g. {{0.01: "Adam", ...}}; got {winners!r}.':
        'winners должен быть словарём {{rate: name}}, например {{0.01: "Adam", ...}}; получено {winners!r}.',
    "the key {key!r} is not a rate of the grid LRS ({rates}).":
        "ключ {key!r} не является скоростью из сетки LRS ({rates}).",
    "at rate {rate:.3g} the winner should be one of {names}; got {name!r}.":
        "при скорости {rate:.3g} победителем должен быть один из {names}; получено {name!r}.",
    "at rate {rate:.3g} no optimizer settles within the sweep's epochs (every speed there is inf): nobody wins that "
    "race, so leave such rates out.":
        "при скорости {rate:.3g} ни один оптимизатор не устанавливается за эпохи перебора (все значения speed там "
        "равны inf): эту гонку никто не выигрывает, так что такие скорости не включайте.",
    "you have {given} of the {total} rates where some optimizer settles; missing, for example, {rate:.3g}.":
        "у вас скоростей: {given} из {total}, при которых хоть один оптимизатор устанавливается; не хватает, "
        "например, {rate:.3g}.",
    "at rate {rate:.3g} you named the optimizer that needs the MOST epochs to settle; the race is won by the fewest.":
        "при скорости {rate:.3g} вы назвали оптимизатор, которому нужно БОЛЬШЕ ВСЕГО эпох до установления; гонку "
        "выигрывает тот, кому нужно меньше всего.",
    "at rate {rate:.3g}, {name} ends with the lowest final loss, but the race asks who gets there first: the fewest "
    "epochs to settle, in speed.":
        "при скорости {rate:.3g} у {name} самые низкие итоговые потери, но в гонке важно, кто доберётся первым: "
        "меньше всего эпох до установления, по speed.",
    "at rate {rate:.3g} another optimizer settles in fewer epochs than {name}: compare speed there.":
        "при скорости {rate:.3g} другой оптимизатор устанавливается за меньшее число эпох, чем {name}: сравните "
        "там значения speed.",
    "You predicted {guess:.0f} different winner(s); there are {outcome}. At one shared rate the winner is whoever "
    "suits that number: {low} at the lowest rates where someone settles, {high} at the highest. That is why "
    "optimizers are compared each at its own tuned rate.":
        "Ваш прогноз — разных победителей: {guess:.0f}; на деле: {outcome}. При одной общей скорости побеждает "
        "тот, кому подходит именно это число: {low} при самых низких скоростях, где кто-то устанавливается, {high} "
        "при самых высоких. Поэтому оптимизаторы сравнивают каждый при его собственной подобранной скорости.",
    # 03.2: centring the feature widens the valley
    "the lowest loss, the condition number and SGD's fewest steps to settle for the centred feature, as a dict "
    '{"lowest": ..., "kappa": ..., "steps": ...}':
        "наименьшие потери, число обусловленности и наименьшее число шагов SGD до установления для "
        'центрированного признака, в виде словаря {"lowest": ..., "kappa": ..., "steps": ...}',
    "x_c = x_1d - x_1d.mean(). newton_fit(x_c.cpu()[:, None], y_train) gives the exact minimum and the Hessian "
    "there, as in section 3 (bce_at needs the new feature: compute the loss with "
    "F.binary_cross_entropy_with_logits). For the steps, copy the `valley` cell with x_c, SGD only, and take the "
    "minimum over the rates of epochs_to_settle(result.val_loss, lowest + TOLERANCE).":
        "x_c = x_1d - x_1d.mean(). newton_fit(x_c.cpu()[:, None], y_train) даёт точный минимум и гессиан в нём, "
        "как в разделе 3 (bce_at работает со старым признаком: посчитайте потери через "
        "F.binary_cross_entropy_with_logits). Для шагов скопируйте ячейку `valley` с x_c, только для SGD, и "
        "возьмите минимум по скоростям от epochs_to_settle(result.val_loss, lowest + TOLERANCE).",
    'first record your prediction in the prediction cell above, before you run anything: "lower", "the same" or '
    '"higher". Then run your code and this check.':
        "сначала запишите прогноз в ячейку прогноза выше, прежде чем что-либо запускать: "
        '"lower" (ниже), "the same" (такими же) или "higher" (выше). Затем запустите свой код и эту проверку.',
    'your prediction should be "lower", "the same" or "higher"; got {prediction!r}.':
        'прогноз должен быть одним из "lower", "the same" или "higher"; получено {prediction!r}.',
    'centred should be a dict {{"lowest": loss, "kappa": condition number, "steps": steps}} of three numbers '
    "(math.inf for steps that never settle); got {centred!r}.":
        'centred должен быть словарём {{"lowest": потери, "kappa": число обусловленности, "steps": шаги}} из трёх '
        "чисел (math.inf для шагов, если установления нет); получено {centred!r}.",
    "the lowest loss cannot be below {lowest:.3f}: compute it at the exact minimum (newton_fit), on the centred "
    "feature.":
        "наименьшие потери не могут быть ниже {lowest:.3f}: вычислите их в точном минимуме (newton_fit), на "
        "центрированном признаке.",
    "that loss is above the lowest possible: compute the exact minimum (newton_fit) of the centred problem, not "
    "the loss after some steps.":
        "эти потери выше наименьших возможных: найдите точный минимум (newton_fit) центрированной задачи, а не "
        "потери после нескольких шагов.",
    "that is the condition number of section 3's valley: compute it for the centred feature.":
        "это число обусловленности долины из раздела 3: вычислите его для центрированного признака.",
    "the condition number is the LARGEST curvature over the smallest: it is never below 1.":
        "число обусловленности — это НАИБОЛЬШАЯ кривизна, делённая на наименьшую: оно никогда не меньше 1.",
    "that is the condition number of the standardized feature (also divided by its standard deviation); the "
    "exercise only subtracts the mean.":
        "это число обусловленности стандартизованного признака (ещё и делённого на стандартное отклонение); "
        "в упражнении нужно только вычесть среднее.",
    "not the condition number of the centred problem: the ratio of the Hessian's two eigenvalues at its minimum "
    "(torch.linalg.eigvalsh).":
        "это не число обусловленности центрированной задачи: нужно отношение двух собственных значений гессиана "
        "в её минимуме (torch.linalg.eigvalsh).",
    "these are SGD's steps at the shared rate {rate:.3g}: tune the rate, take the fewest steps over all the rates "
    "of the grid.":
        "это шаги SGD при общей скорости {rate:.3g}: подберите скорость, возьмите наименьшее число шагов по всем "
        "скоростям сетки.",
    "that many steps is the narrow valley of section 3: train on the centred feature x_c (from the same start).":
        "столько шагов нужно в узкой долине раздела 3: обучайте на центрированном признаке x_c (из той же "
        "начальной точки).",
    "not the steps the sweep gives on the centred feature: epochs_to_settle(result.val_loss, lowest + TOLERANCE), "
    "its minimum over the rates.":
        "это не те шаги, что даёт перебор на центрированном признаке: epochs_to_settle(result.val_loss, lowest + "
        "TOLERANCE), его минимум по скоростям.",
    "You predicted that the lowest loss would be lower; it is the same, {lowest:.3f}.":
        "Вы предсказали, что наименьшие потери станут ниже; они те же, {lowest:.3f}.",
    "You predicted that the lowest loss would be higher; it is the same, {lowest:.3f}.":
        "Вы предсказали, что наименьшие потери станут выше; они те же, {lowest:.3f}.",
    "Centring only moves the bias: sigma(w (x - m) + b) is sigma(w x + (b - w m)), so both features describe "
    "exactly the same models, and the best of them is the same model. What changes is the shape of the valley: "
    "its condition number drops from {valley_kappa:.0f} to {kappa:.1f}.":
        "Центрирование меняет лишь смещение: sigma(w (x - m) + b) — это sigma(w x + (b - w m)), так что оба "
        "признака описывают в точности одни и те же модели, и лучшая из них — одна и та же модель. Меняется "
        "форма долины: её число обусловленности падает с {valley_kappa:.0f} до {kappa:.1f}.",
    # 03.3: how the noise of a minibatch gradient shrinks with the batch size
    "the RMS distance between batch gradients and the full gradient, as a dict {25: distance, 100: distance}":
        "среднеквадратичное (RMS) расстояние между градиентами пакетов и полным градиентом, в виде словаря "
        "{25: distance, 100: distance}",
    "At the starting weights (seed_everything(SEED); LogisticRegression(2)), the per-example gradients of BCE are "
    "(p - y) * [x1, x2, 1]; a batch's gradient is the mean of its rows. Shuffle with torch.randperm, reshape to "
    "(batches, size, 3), take the mean over the size, subtract full_gradient, take the norm of each difference; "
    "then the square root of the mean of their squares.":
        "При начальных весах (seed_everything(SEED); LogisticRegression(2)) градиенты BCE по отдельным примерам "
        "равны (p - y) * [x1, x2, 1]; градиент пакета — среднее его строк. Перемешайте через torch.randperm, "
        "приведите к форме (batches, size, 3), усредните по size, вычтите full_gradient, возьмите норму каждой "
        "разности; затем квадратный корень из среднего их квадратов.",
    "first record your prediction in the prediction cell above, before you run anything: by about 1, 2 or 4? Then "
    "run your code and this check.":
        "сначала запишите прогноз в ячейку прогноза выше, прежде чем что-либо запускать: примерно в 1, 2 или 4 "
        "раза? Затем запустите свой код и эту проверку.",
    "your prediction should be a factor: 1, 2 or 4; got {prediction!r}.":
        "прогноз должен быть множителем: 1, 2 или 4; получено {prediction!r}.",
    "spread should be a dict {{25: distance, 100: distance}} of two positive numbers; got {spread!r}.":
        "spread должен быть словарём {{25: distance, 100: distance}} из двух положительных чисел; получено "
        "{spread!r}.",
    "your two values are swapped: the larger batch gives the smaller distance.":
        "ваши два значения перепутаны местами: больший пакет даёт меньшее расстояние.",
    "spread[{size}] looks like the mean of the SQUARED distances: take its square root (root-mean-square).":
        "spread[{size}] похоже на среднее КВАДРАТОВ расстояний: извлеките из него квадратный корень "
        "(root-mean-square).",
    "spread[{size}] looks divided by the length of the full gradient: the question asks for the distance itself.":
        "spread[{size}], похоже, поделено на длину полного градиента: в задании нужно само расстояние.",
    "spread[{size}] is far too large: a batch's gradient is the MEAN of its examples' gradients, like the full "
    "gradient, not their sum; and both are taken at the starting weights.":
        "spread[{size}] слишком велико: градиент пакета — это СРЕДНЕЕ градиентов его примеров, как и полный "
        "градиент, а не их сумма; и оба берутся при начальных весах.",
    "spread[{size}] is too large for batches of {size} at the starting weights of section 5: compare each batch's "
    "mean gradient with full_gradient, there.":
        "spread[{size}] великовато для пакетов по {size} при начальных весах раздела 5: сравните средний градиент "
        "каждого пакета с full_gradient, именно там.",
    "spread[{size}] is too small for batches of {size} at the starting weights of section 5: compare each batch's "
    "mean gradient with full_gradient, there.":
        "spread[{size}] маловато для пакетов по {size} при начальных весах раздела 5: сравните средний градиент "
        "каждого пакета с full_gradient, именно там.",
    "four times the batch size divides the VARIANCE (the mean of the squared distances) by about 4, so the RMS "
    "distance, its square root, only by about 2":
        "вчетверо больший пакет делит ДИСПЕРСИЮ (среднее квадратов расстояний) примерно на 4, а значит, "
        "RMS-расстояние, корень из неё, лишь примерно на 2",
    "the noise does shrink: a mean over more examples strays less from the full mean; the variance by about 4, "
    "the RMS distance by about 2":
        "шум всё-таки уменьшается: среднее по большему числу примеров меньше отклоняется от полного среднего; "
        "дисперсия — примерно в 4 раза, RMS-расстояние — примерно в 2",
    "You predicted a factor of {guess:.0f}; you measured {ratio:.2f}: {why} (a little more than 2 here, because "
    "the batches are drawn without replacement from a finite set).":
        "Вы предсказали множитель {guess:.0f}, а измерили {ratio:.2f}: {why} (здесь чуть больше 2, потому что "
        "пакеты выбираются без возвращения из конечного набора).",
    # 03.quiz: check your understanding
    "your answers as a dict {\"q1\": letter, \"q2\": number, ...}":
        'ваши ответы в виде словаря {"q1": letter, "q2": number, ...} (letter — буква, number — число)',
    "q1: section 2, both races. q2: section 1, the first step of Adagrad and Adam; the length of a vector (a, b) "
    "is sqrt(a^2 + b^2). q3: section 5's right panel. q4: section 6. q5: section 3, the momentum rule and its step "
    "lengths.":
        "q1: раздел 2, обе гонки. q2: раздел 1, первый шаг Adagrad и Adam; длина вектора (a, b) равна "
        "sqrt(a^2 + b^2). q3: правая панель раздела 5. q4: раздел 6. q5: раздел 3, правило метода моментов и "
        "длины его шагов.",
    'answers should be a dict like {{"q1": "a", "q2": 0.5, ...}}; got {answers!r}.':
        'answers должен быть словарём вида {{"q1": "a", "q2": 0.5, ...}}; получено {answers!r}.',
    "at the shared rate 1 Adam came last (section 2): a race at one rate says which optimizer suits that number, "
    "not which is best.":
        "при общей скорости 1 Adam пришёл последним (раздел 2): гонка при одной скорости говорит, какому "
        "оптимизатору подходит это число, а не какой из них лучший.",
    "at their own tuned rates SGD and Adagrad settle within a few epochs (section 4); 0.01 is simply too low a "
    "rate for them.":
        "при своих подобранных скоростях SGD и Adagrad устанавливаются за несколько эпох (раздел 4); 0.01 для "
        "них просто слишком низкая скорость.",
    "at a constant rate each minibatch step follows a noisy estimate of the gradient, so the loss keeps jittering "
    "around the floor (section 5's right panel).":
        "при постоянной скорости каждый шаг по мини-пакету следует зашумлённой оценке градиента, поэтому потери "
        "так и дрожат около дна (правая панель раздела 5).",
    "the noise does not add up to divergence: the loss stays near the floor, jittering (section 5).":
        "шум не складывается в расходимость: потери остаются у дна, подрагивая (раздел 5).",
    "momentum's steps are LONGER than SGD's along the floor, at least twice (section 3's step lengths), and it "
    "does overshoot at first.":
        "шаги метода моментов вдоль дна ДЛИННЕЕ, чем у SGD, по меньшей мере вдвое (длины шагов в разделе 3), и "
        "поначалу он как раз проскакивает.",
    "that is Adam's (and Adagrad's) rule; momentum keeps a running sum of the gradients themselves.":
        "это правило Adam (и Adagrad); метод моментов накапливает сумму самих градиентов.",
    "q2: missing; give a number.":
        "q2: нет ответа; укажите число.",
    "q2: that is SGD's first step, 0.05 times the gradient; Adagrad's first step is 0.05 against the SIGN of each "
    "component.":
        "q2: это первый шаг SGD, 0.05, умноженное на градиент; первый шаг Adagrad — "
        "0.05 в сторону, противоположную ЗНАКУ каждой "
        "компоненты.",
    "q2: 0.05 is the step along each axis; the step is a vector with two such components: its length is larger.":
        "q2: 0.05 — это шаг вдоль каждой оси; шаг — вектор с двумя такими компонентами: его длина больше.",
    "q2: Adagrad's first step moves each weight by the learning rate against the sign of its gradient; take the "
    "length of that vector.":
        "q2: первый шаг Adagrad сдвигает каждый вес на величину скорости обучения "
        "в сторону, противоположную знаку его градиента; "
        "возьмите длину этого вектора.",
    "q4: missing; give a number.":
        "q4: нет ответа; укажите число.",
    "q4: 1/lambda_max = 0.25 is the rate that jumps straight to the bottom along the steepest direction; the steps "
    "only start to grow beyond twice that.":
        "q4: 1/lambda_max = 0.25 — скорость, которая одним прыжком попадает на дно вдоль самого крутого "
        "направления; шаги начинают расти только выше удвоенного значения.",
    "q4: the limit shrinks as the curvature grows: it is 2 divided by lambda_max.":
        "q4: предел уменьшается с ростом кривизны: он равен 2, делённому на lambda_max.",
    "q4: above which rate is |1 - rate * lambda_max| larger than 1?":
        "q4: при какой скорости |1 - rate * lambda_max| становится больше 1?",
}
