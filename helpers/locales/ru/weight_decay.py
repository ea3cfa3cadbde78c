"""Russian texts of helpers (weight_decay); keys are the English texts as written in the code."""
MESSAGES = {
    # 04.1: what regularization costs on the training points
    "the training MSE of each closed-form fit, one per value of WEIGHT_DECAYS, in order":
        "MSE на обучающем наборе для каждого решения в замкнутой форме, по одному числу на каждое значение "
        "WEIGHT_DECAYS, по порядку",
    "The closed-form fits of section 5 are the rows of `thetas`, one per value of WEIGHT_DECAYS. "
    "mse(thetas, X_train, t_train) gives the training MSE of every row at once; .diff() shows how "
    "each value compares with the one before.":
        "Решения в замкнутой форме из раздела 5 — это строки `thetas`, по одной на каждое значение WEIGHT_DECAYS. "
        "mse(thetas, X_train, t_train) сразу даёт MSE на обучающем наборе для всех строк; .diff() показывает, "
        "как каждое значение соотносится с предыдущим.",
    "compute anything": "что-либо вычислять",
    "train_mse should hold {count} numbers, the training MSE of each closed-form fit (one per "
    "value of WEIGHT_DECAYS, in order); got {value!r:.80}.":
        "в train_mse должны быть MSE на обучающем наборе для каждого решения в замкнутой форме, по одному числу "
        "на каждое значение WEIGHT_DECAYS, по порядку (всего чисел: {count}); получено {value!r:.80}.",
    "these are the validation errors of section 5's table; the question is what regularization "
    "costs on the *training* points: evaluate the fits on X_train, t_train.":
        "это ошибки на оценочном наборе из таблицы раздела 5, а вопрос о том, чего регуляризация стоит на "
        "*обучающих* точках: оцените решения на X_train, t_train.",
    "these are root mean squared errors; the MSE is the mean of the squared errors, without the root.":
        "это корни из среднеквадратичной ошибки (RMSE); MSE — среднее квадратов ошибок, без корня.",
    "these are sums of squared errors over the {n} points; the MSE is their mean.":
        "это суммы квадратов ошибок по {n} точкам; MSE — их среднее.",
    "your values are in reverse order: give them in the order of WEIGHT_DECAYS, from 0 up to 10.":
        "ваши значения идут в обратном порядке: дайте их в порядке WEIGHT_DECAYS, от 0 до 10.",
    "these are not the training MSEs of the closed-form fits: for each row theta of `thetas`, take the "
    "mean of (X_train @ theta - t_train)^2.":
        "это не MSE решений в замкнутой форме на обучающем наборе: для каждой строки theta из `thetas` возьмите "
        "среднее от (X_train @ theta - t_train)^2.",
    'You predicted "{guess}", and the training MSE went up at every step, from {first:.3f} (the interpolant) '
    'to {last:.3f}.':
        'Ваш прогноз — "{guess}", а MSE на обучающем наборе росла на каждом шаге: от {first:.3f} '
        '(интерполяционный многочлен) до {last:.3f}.',
    'You predicted "{guess}", and the training MSE went down at every step, from {first:.3f} (the '
    'interpolant) to {last:.3f}.':
        'Ваш прогноз — "{guess}", а MSE на обучающем наборе падала на каждом шаге: от {first:.3f} '
        '(интерполяционный многочлен) до {last:.3f}.',
    'You predicted "{guess}", and the training MSE went up at some steps and down at others, from '
    '{first:.3f} (the interpolant) to {last:.3f}.':
        'Ваш прогноз — "{guess}", а MSE на обучающем наборе менялась не монотонно: от {first:.3f} '
        '(интерполяционный многочлен) до {last:.3f}.',
    "The penalty pulls the curve away from the points towards small weights, so the training error can only "
    "grow as weight_decay grows: that is the price of the better validation error.":
        "Штраф уводит кривую от точек к малым весам, поэтому с ростом weight_decay ошибка на обучающем наборе "
        "может только расти: это цена лучшей ошибки на оценочном наборе.",

    # 04.2: more noise, more regularization?
    "the median weight_decay chosen on validation at noise 0.4, over the same 20 draws":
        "медиану weight_decay, выбранного на оценочном наборе при шуме 0.4, по тем же 20 случайным выборкам",
    "choose_on_validation(seed, noise=0.4)[0] is the index of the value chosen on one draw. Do it for "
    "the seeds SEED + 10 + 3k, k = 0 to 19, as section 6 does, turn each index into its value with "
    "WEIGHT_DECAYS[i], and take the median, e.g. sorted(values)[DRAWS // 2].":
        "choose_on_validation(seed, noise=0.4)[0] — индекс значения, выбранного на одной выборке. Сделайте это "
        "для зёрен SEED + 10 + 3k, k = 0 … 19, как в разделе 6, превратите каждый индекс в значение через "
        "WEIGHT_DECAYS[i] и возьмите медиану, например sorted(values)[DRAWS // 2].",
    "median_noisy should be one number, a weight_decay; got {value!r:.80}.":
        "в median_noisy должно быть одно число — значение weight_decay; получено {value!r:.80}.",
    "that is the median at noise 0.2, section 6's choices; call choose_on_validation(seed, "
    "noise=0.4) to draw the noisier points.":
        "это медиана при шуме 0.2, то есть выбор из раздела 6; вызовите choose_on_validation(seed, noise=0.4), "
        "чтобы получить более зашумлённые точки.",
    "that is the mean of the 20 choices; a few large choices pull a mean up. The question asks "
    "for the median, the middle value.":
        "это среднее 20 выбранных значений; несколько больших значений тянут среднее вверх. В вопросе нужна "
        "медиана — значение посередине.",
    "that is a position in WEIGHT_DECAYS, not a weight_decay: take WEIGHT_DECAYS[i].":
        "это позиция в WEIGHT_DECAYS, а не значение weight_decay: возьмите WEIGHT_DECAYS[i].",
    "{value:.3g} is not the median of the 20 choices at noise 0.4: use the same draws as section 6, "
    "the seeds SEED + 10 + 3k for k = 0 to 19, each with noise=0.4.":
        "{value:.3g} — не медиана 20 выбранных значений при шуме 0.4: возьмите те же выборки, что в разделе 6, "
        "то есть зёрна SEED + 10 + 3k для k = 0 … 19, каждое с noise=0.4.",
    'You predicted "{guess}"; the median moved up ({before:.2g} at noise 0.2, {after:.2g} at noise 0.4).':
        'Ваш прогноз — "{guess}"; медиана выросла ({before:.2g} при шуме 0.2, {after:.2g} при шуме 0.4).',
    'You predicted "{guess}"; the median moved down ({before:.2g} at noise 0.2, {after:.2g} at noise '
    '0.4).':
        'Ваш прогноз — "{guess}"; медиана уменьшилась ({before:.2g} при шуме 0.2, {after:.2g} при шуме 0.4).',
    'You predicted "{guess}"; the median stayed the same ({before:.2g} at noise 0.2, {after:.2g} at '
    'noise 0.4).':
        'Ваш прогноз — "{guess}"; медиана не изменилась ({before:.2g} при шуме 0.2, {after:.2g} при шуме 0.4).',
    "Noisier points give the curve more noise to chase; the validation set then prefers a stronger pull "
    "towards small weights.":
        "Чем сильнее шум в точках, тем больше шума кривая пытается повторить, и оценочный набор предпочитает "
        "более сильное притяжение к малым весам.",

    # 04.3: early stopping with patience
    "the epoch at which training stops and the epoch whose weights it keeps, as a pair (stopped_at, kept)":
        "эпоху, на которой обучение останавливается, и эпоху, чьи веса оно сохраняет, в виде пары (stopped_at, kept)",
    "Walk through path_val epoch by epoch (epoch e is path_val[e - 1]), remembering the lowest value "
    "so far, its epoch, and how many epochs have passed without a new lowest value. Stop when that "
    "count reaches PATIENCE.":
        "Пройдите по path_val эпоха за эпохой (эпоха e — это path_val[e - 1]), запоминая наименьшее значение "
        "на данный момент, его эпоху и сколько эпох прошло без нового минимума. Остановитесь, когда этот счётчик "
        "достигнет PATIENCE.",
    "early should be a pair of two whole epochs, (stopped_at, kept); got {value!r:.80}.":
        "в early должна быть пара из двух целых номеров эпох, (stopped_at, kept); получено {value!r:.80}.",
    "you counted epochs from 0; the notebook counts them from 1 (path_val[e - 1] is epoch e), "
    "so the run stops at epoch {stop} and keeps epoch {kept}.":
        "вы считали эпохи с 0, а в блокноте они считаются с 1 (path_val[e - 1] — это эпоха e), поэтому обучение "
        "останавливается на эпохе {stop} и сохраняет эпоху {kept}.",
    "the run stops at epoch {stop}, right, but early stopping then restores the weights of "
    "the epoch with the lowest validation error so far, not the last ones.":
        "обучение действительно останавливается на эпохе {stop}, но затем ранняя остановка восстанавливает веса "
        "эпохи с наименьшей на тот момент ошибкой на оценочном наборе, а не последние.",
    "at epoch {kept} the run cannot know that no lower value will come: it stops only after "
    "{patience} epochs in a row without a new lowest value.":
        "на эпохе {kept} обучение ещё не может знать, что меньшего значения не будет: оно останавливается, "
        "только когда без нового минимума подряд пройдёт заданное число эпох ({patience}).",
    "the patience ran out long before the last epoch: count the epochs since the last new lowest "
    "value, and stop when {patience} have passed.":
        "терпение кончилось задолго до последней эпохи: считайте эпохи с последнего нового минимума и "
        "остановитесь, когда их наберётся {patience}.",
    "epoch {lowest} has the lowest validation error of the whole run, but a run with patience "
    "{patience} has stopped before it gets there: early stopping only sees the epochs so "
    "far.":
        "у эпохи {lowest} наименьшая ошибка на оценочном наборе за всё обучение, но с терпением {patience} "
        "обучение останавливается раньше, чем до неё дойдёт: ранняя остановка видит только уже прошедшие эпохи.",
    "({stopped_at}, {kept}) is not what the rule gives with patience {patience}: after each epoch, either "
    "the validation error is a new lowest (remember it, reset the count) or not (count one more); "
    "stop when the count reaches the patience.":
        "({stopped_at}, {kept}) — не то, что даёт правило при терпении {patience}: после каждой эпохи ошибка на "
        "оценочном наборе либо даёт новый минимум (запомните его и обнулите счётчик), либо нет (прибавьте "
        "единицу к счётчику); остановитесь, когда счётчик достигнет терпения.",

    # 04.quiz
    "zero training error came from chasing the noise: between the points the interpolant swings far "
    "outside the data, and its validation error was enormous (section 6).":
        "нулевая ошибка на обучающем наборе — результат погони за шумом: между точками интерполяционный "
        "многочлен далеко уходит за пределы данных, и его ошибка на оценочном наборе была огромной (раздел 6).",
    "it is the solution of twelve linear equations, X theta = y: section 3 solves them directly.":
        "это решение двенадцати линейных уравнений X theta = y: раздел 3 решает их напрямую.",
    "the roughness is not what the penalty measures; it fell overall but rose at a step on some draws "
    "(section 5). The weight norm falls at every step, guaranteed.":
        "штраф измеряет не шероховатость; в целом она падала, но на некоторых выборках на отдельном шаге росла "
        "(раздел 5). Норма весов падает на каждом шаге, гарантированно.",
    "the validation error has a sweet spot: it falls, then rises again as weight_decay flattens the "
    "curve (section 6).":
        "у ошибки на оценочном наборе есть оптимум: она падает, а затем снова растёт, когда weight_decay "
        "распрямляет кривую (раздел 6).",
    "in SGD, weight_decay adds lambda * theta to the gradient: exactly the gradient of the L2 penalty "
    "(section 9).":
        "в SGD weight_decay прибавляет к градиенту lambda * theta — ровно градиент L2-штрафа (раздел 9).",
    "in Adam too, weight_decay adds lambda * theta to the gradient before the step: the gradient of "
    "an L2 penalty, which Adam then rescales with the rest (section 9).":
        "и в Adam weight_decay прибавляет lambda * theta к градиенту перед шагом: это градиент L2-штрафа, "
        "который Adam затем масштабирует вместе с остальным (раздел 9).",
    "the run has weight_decay = 0: nothing pulls it towards small weights; its weight norm grows at "
    "every epoch (section 7).":
        "в этом запуске weight_decay = 0: ничто не тянет его к малым весам; норма весов растёт на каждой эпохе "
        "(раздел 7).",
    "early stopping adds nothing to the loss: it only ends the run at the epoch with the lowest "
    "validation error.":
        "ранняя остановка ничего не добавляет к функции потерь: она лишь завершает обучение на эпохе с "
        "наименьшей ошибкой на оценочном наборе.",
    'your answers as a dict {"q1": letter, "q2": letter, "q3": number, ...}':
        'ваши ответы в виде словаря {"q1": letter, "q2": letter, "q3": number, ...} (letter — буква, number — число)',
    "q1: sections 3 and 6. q2: the check of section 5. q3: the step is lr * (gradient + weight_decay * "
    "weight). q4: section 9. q5: section 7.":
        "q1: разделы 3 и 6. q2: проверка из раздела 5. q3: шаг равен lr * (градиент + weight_decay * вес). "
        "q4: раздел 9. q5: раздел 7.",
    'answers should be a dict like {{"q1": "a", "q3": 0.5, ...}}; got {value!r:.80}.':
        'answers должен быть словарём вида {{"q1": "a", "q3": 0.5, ...}}; получено {value!r:.80}.',
    "q3: missing; give a number.": "q3: нет ответа; укажите число.",
    "q3: the step is the learning rate times (gradient + weight_decay * weight): multiply "
    "weight_decay by the learning rate too.":
        "q3: шаг равен скорости обучения, умноженной на (градиент + weight_decay * вес): weight_decay тоже "
        "нужно умножить на скорость обучения.",
    "q3: that is how much of the weight the step removes; the question asks for the factor the "
    "weight is multiplied by.":
        "q3: это доля веса, которую шаг отнимает; а вопрос о множителе, на который умножается вес.",
    "q3: the step is subtracted: weight decay shrinks the weight, it does not grow it.":
        "q3: шаг вычитается: затухание весов уменьшает вес, а не увеличивает его.",
    "q3: write the SGD step for a weight w with loss gradient 0: w - lr * (0 + weight_decay * w).":
        "q3: запишите шаг SGD для веса w, у которого градиент функции потерь равен 0: "
        "w - lr * (0 + weight_decay * w).",
}
