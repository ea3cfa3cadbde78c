"""Russian texts of helpers (l1); keys are the English texts as written in the code."""
MESSAGES = {
    # --- 05.1 ---
    'the strength at which L1 switches off every weight and the last feature to go, as a dict {"strength": ..., '
    '"feature": ...}':
        'словарь {"strength": ..., "feature": ...} с силой регуляризации, при которой L1 обнуляет все веса, и '
        'признаком, который обнуляется последним',
    "Start from w = 0. The bias is not penalized, so with every weight at zero it settles at the mean of y. The soft "
    "threshold keeps weight j at zero as long as the size of the data gradient |d MSE / d w_j| = "
    "|2/n X_j'(y - mean(y))| is at most the strength: so the strength that switches off every weight is the largest "
    "of these sizes, and the feature that has it goes last.":
        "Начните с w = 0. Смещение не штрафуется, поэтому, пока все веса равны нулю, оно устанавливается на среднем "
        "y. Мягкая пороговая функция держит вес j в нуле, пока модуль градиента по данным "
        "|d MSE / d w_j| = |2/n X_j'(y - mean(y))| не больше силы регуляризации. Значит, сила, при которой "
        "обнуляются все веса, равна наибольшему из этих модулей, а признак, у которого он наибольший, обнуляется "
        "последним.",
    'switch_off should be a dict {{"strength": a number, "feature": a column index (0 to 19)}}; got '
    "{switch_off!r}.":
        'switch_off должен быть словарём {{"strength": число, "feature": номер столбца (от 0 до 19)}}; получено '
        "{switch_off!r}.",
    "that is half the answer: the gradient of the mean squared error (1/n) sum (w'x + b - y)^2 carries the factor 2 "
    "of the square.":
        "это половина ответа: в градиенте среднеквадратичной ошибки (1/n) sum (w'x + b - y)^2 есть множитель 2 "
        "от квадрата.",
    "that is {n} times too large (or half of that): the loss is the *mean* squared error, so its gradient is divided "
    "by the number of rows, n = {n}.":
        "это в {n} раз больше верного значения (или в два раза меньшее число раз): функция потерь — *средняя* "
        "квадратичная ошибка, поэтому её градиент делится на число строк, n = {n}.",
    "at w = 0 the bias is not 0: it is not penalized, so it settles at the mean of y before any weight moves. Take the "
    "gradient at that point: 2/n X'(y - mean(y)), not 2/n X'y.":
        "при w = 0 смещение не равно 0: оно не штрафуется и устанавливается на среднем y раньше, чем сдвинется "
        "любой вес. Возьмите градиент в этой точке: 2/n X'(y - mean(y)), а не 2/n X'y.",
    "that is a point of the grid: the last weight disappears between λ = {low:.3f} and {high:.3f}, and the exercise "
    "asks where exactly. Compute it from the data gradient at w = 0.":
        "это точка сетки: последний вес исчезает между λ = {low:.3f} и {high:.3f}, а упражнение спрашивает, где "
        "именно. Вычислите это значение по градиенту по данным при w = 0.",
    "at λ = {strength:.3f} some weight is still not zero: its data gradient at w = 0 is larger than λ, so the soft "
    "threshold cannot hold it at zero. The answer is larger.":
        "при λ = {strength:.3f} какой-то вес ещё не равен нулю: его градиент по данным при w = 0 больше λ, и мягкая "
        "пороговая функция не может удержать его в нуле. Ответ больше.",
    "at λ = {strength:.3f} every weight is zero, but they all were already at a smaller strength: the answer is the "
    "smallest λ at which the data gradient of every weight at w = 0 is at most λ.":
        "при λ = {strength:.3f} все веса равны нулю, но все они были нулевыми уже при меньшей силе: ответ — "
        "наименьшее λ, при котором градиент по данным каждого веса при w = 0 не больше λ.",
    "features are numbered 0 to {last}, as columns of X; got {feature}.":
        "признаки нумеруются от 0 до {last}, как столбцы X; получено {feature}.",
    "your strength is right, and feature {feature} has the largest true weight; but L1 sees only these 50 rows: the "
    "last feature to go is the one whose data gradient at w = 0 is largest here, the column that covaries most with "
    "the target in this sample.":
        "сила указана верно, и у признака {feature} действительно самый большой истинный вес; но L1 видит "
        "только эти 50 строк: последним обнуляется признак с наибольшим градиентом по данным при w = 0, то есть "
        "столбец, сильнее всех ковариирующий с целевой переменной в этой выборке.",
    "your strength is right, but feature {feature} has a data gradient at w = 0 of {gradient:.3f}, less than the "
    "strength: its weight is zero before the last one goes. The last feature is the one whose gradient equals the "
    "strength.":
        "сила указана верно, но у признака {feature} градиент по данным при w = 0 равен {gradient:.3f}, это "
        "меньше силы: его вес обнуляется раньше последнего. Последний признак — тот, чей градиент равен силе.",
    # --- 05.2 ---
    "the fit needs the same total push from that column as before, and L1 does not charge for sharing it: with both "
    "weights of one sign |a| + |b| = |a + b|. So the twins share the old weight, each holding part, rather than "
    "halving the total":
        "модели нужен от этого столбца тот же суммарный вклад, что и раньше, а L1 не берёт платы за его разделение: "
        "при весах одного знака |a| + |b| = |a + b|. Поэтому близнецы делят прежний вес, каждый держит часть, а "
        "сумма не уменьшается вдвое",
    "each twin could hold the old weight, but then the pair would push twice as hard as the one column did and the "
    "fit would overshoot; the twins share the old weight instead":
        "каждый близнец мог бы взять себе прежний вес, но тогда пара давала бы вдвое больший вклад, чем один столбец, "
        "и модель промахнулась бы; вместо этого близнецы делят прежний вес",
    "the two twins' weights as a pair (weight of the original column, weight of its copy)":
        "два веса близнецов в виде пары (вес исходного столбца, вес его копии)",
    "X_twin = torch.cat([X, X[:, [informative[0]]]], 1) has 21 columns, the copy last. Train it with "
    "train_proximal(X_twin, y, L1_STRENGTH); the twins are entries informative[0] and 20 of the last row. Compare "
    "their sum with w_proximal[informative[0]], the weight the column had alone.":
        "В X_twin = torch.cat([X, X[:, [informative[0]]]], 1) 21 столбец, копия последняя. Обучите модель вызовом "
        "train_proximal(X_twin, y, L1_STRENGTH); близнецы — элементы informative[0] и 20 последней строки. "
        "Сравните их сумму с w_proximal[informative[0]], весом, который столбец имел в одиночку.",
    "pair should hold two numbers, (weight of the original column, weight of its copy); got {pair!r}.":
        "в pair должны быть два числа (вес исходного столбца, вес его копии); получено {pair!r}.",
    "together your twins hold {total:.3f}, twice the {alone:.3f} the column held alone: then the pair would push "
    "twice as hard as the column did. Train on X_twin and read both weights of one run.":
        "вместе ваши близнецы дают {total:.3f}, вдвое больше, чем {alone:.3f} у одного столбца: тогда пара давала бы "
        "вдвое больший вклад, чем столбец. Обучите модель на X_twin и возьмите оба веса из одного запуска.",
    "this even split, with a smaller total, is what L2 (weight_decay, the ridge solution) does with twins: its "
    "a² + b² is smallest for equal weights. The exercise is about L1: use train_proximal.":
        "именно так, поровну и с меньшей суммой, делит вес между близнецами L2 (weight_decay, решение гребневой "
        "регрессии): у неё a² + b² наименьшее при равных весах. Упражнение про L1: используйте train_proximal.",
    "a total of {total:.3f} is the unpenalized fit's: it looks like you trained without the L1 penalty. Use "
    "train_proximal with L1_STRENGTH.":
        "сумма {total:.3f} получается у модели без штрафа: похоже, вы обучали без штрафа L1. Используйте "
        "train_proximal с L1_STRENGTH.",
    "your twins hold no weight at all: duplicate the informative column informative[0] (X[:, [informative[0]]]), not "
    "one that L1 drops.":
        "у ваших близнецов вообще нет веса: дублируйте информативный столбец informative[0] (X[:, [informative[0]]]), "
        "а не тот, который L1 отбрасывает.",
    "together your twins hold {total:.3f}, but the L1 minimum gives them {alone:.3f} between them, the weight the "
    "column had alone. Check that the copy is of column informative[0], that you read entries informative[0] and 20 "
    "of the last row, and that the run uses train_proximal with L1_STRENGTH.":
        "вместе ваши близнецы дают {total:.3f}, а в минимуме с L1 у них на двоих {alone:.3f} — вес, который столбец "
        "имел в одиночку. Проверьте, что копируется столбец informative[0], что вы берёте элементы informative[0] и "
        "20 последней строки и что модель обучается с помощью train_proximal с L1_STRENGTH.",
    "your weights have opposite signs ({a:.3f} and {b:.3f}): then |a| + |b| is larger than |a + b|, and moving both "
    "towards zero by the same amount keeps the fit and lowers the penalty. That is not a minimum: train with "
    "train_proximal until the weights settle.":
        "у ваших весов разные знаки ({a:.3f} и {b:.3f}): тогда |a| + |b| больше |a + b|, и сдвиг обоих к нулю на "
        "одну и ту же величину сохраняет подгонку и уменьшает штраф. Это не минимум: обучайте с помощью "
        "train_proximal, пока веса не установятся.",
    'you predicted the total would be "{guess}", and it stayed the same: {total:.3f} against {alone:.3f} for the '
    "column alone. Why: {why}.":
        'вы предсказали, что сумма будет "{guess}", а она осталась прежней: {total:.3f} против {alone:.3f} у одного '
        "столбца. Почему: {why}.",
    # --- 05.3 ---
    "the L1 strength the rule chooses (the fewest features among the strengths whose validation MSE is at most 5% "
    "above the lowest)":
        "значение силы L1, которое выбирает правило (меньше всего признаков среди сил, у которых MSE на оценочном "
        "наборе не более чем на 5% выше наименьшей)",
    "val_mse holds one validation MSE per strength. Keep the strengths with val_mse <= 1.05 * val_mse.min(); among "
    "them take the one whose row of path_l1 has the fewest non-zero weights, as simplest_good does in section 7 "
    "(there with accuracy and one point).":
        "В val_mse по одной MSE на оценочном наборе для каждой силы. Оставьте силы с val_mse <= 1.05 * "
        "val_mse.min(); среди них возьмите ту, у которой в строке path_l1 меньше всего ненулевых весов, как делает "
        "simplest_good в разделе 7 (там с долей правильных ответов и одним процентным пунктом).",
    "chosen_strength should be one number, a strength from `strengths`; got {chosen_strength!r}.":
        "chosen_strength должно быть одним числом, силой из `strengths`; получено {chosen_strength!r}.",
    "the rule picks one of the strengths on the grid (an entry of `strengths`), the ones whose validation MSE you "
    "know.":
        "правило выбирает одну из сил сетки (элемент `strengths`): только для них вы знаете MSE на оценочном "
        "наборе.",
    "that is section 5's choice, the lowest validation MSE, keeping {kept} features. The rule gives up to 5% of "
    "validation error in exchange for a simpler model: look for fewer features within that margin.":
        "это выбор раздела 5, наименьшая MSE на оценочном наборе; число сохранённых признаков: {kept}. Правило "
        "жертвует до 5% ошибки на оценочном наборе ради более простой модели: ищите меньше признаков в этих "
        "пределах.",
    "λ = {strength:.3f} is within 5% of the lowest validation MSE, but it keeps {kept} features, and another strength "
    "within the margin keeps fewer: the rule takes the fewest.":
        "λ = {strength:.3f} укладывается в 5% от наименьшей MSE на оценочном наборе, но сохраняет признаков: {kept}, "
        "а другая сила в этих пределах сохраняет меньше; правило берёт наименьшее число.",
    "at λ = {strength:.3f} the validation MSE is {above:.0%} above the lowest: 5% of the lowest MSE means at most "
    "1.05 × val_mse.min(), not val_mse.min() + 0.05.":
        "при λ = {strength:.3f} MSE на оценочном наборе на {above:.0%} выше наименьшей: 5% от наименьшей MSE "
        "означает не больше 1.05 × val_mse.min(), а не val_mse.min() + 0.05.",
    "at λ = {strength:.3f} the validation MSE is within 5% of the *weakest* strength's, but {above:.0%} above the "
    "lowest: the margin is measured from the lowest validation MSE.":
        "при λ = {strength:.3f} MSE на оценочном наборе укладывается в 5% от MSE при *самой слабой* силе, но на "
        "{above:.0%} выше наименьшей: допуск отсчитывается от наименьшей MSE на оценочном наборе.",
    "at λ = {strength:.3f} the validation MSE is {above:.0%} above the lowest, more than the rule's 5%: too strong a "
    "penalty also shrinks and drops the features the target needs.":
        "при λ = {strength:.3f} MSE на оценочном наборе на {above:.0%} выше наименьшей, больше допустимых правилом "
        "5%: слишком сильный штраф уменьшает и отбрасывает и те признаки, которые нужны для целевой переменной.",
    # --- 05.quiz ---
    "the L2 path shortens the vector at every step, but some uninformative weights grew for a while, and none became "
    "exactly zero at any strength (section 4).":
        "на пути L2 вектор укорачивается на каждом шаге, но некоторые неинформативные веса какое-то время росли, и ни "
        "один не стал в точности нулём ни при какой силе (раздел 4).",
    "L2 divides every weight by the same factor 1 + ηλ; the uninformative weights changed too, and some of them grew "
    "(section 4).":
        "L2 делит каждый вес на один и тот же множитель 1 + ηλ; неинформативные веса тоже менялись, а некоторые из "
        "них росли (раздел 4).",
    "the plain (sub)gradient loop of section 2 left no weight exactly zero after 300 steps: a weight near zero is "
    "pushed across it by ηλ and back again; more epochs do not change that.":
        "после 300 шагов простого (суб)градиентного цикла из раздела 2 ни один вес не равен в точности нулю: шаг ηλ "
        "перебрасывает вес около нуля через ноль и обратно; больше эпох этого не изменит.",
    "the penalty's push is balanced by the data gradient for the informative weights: they stay far from zero, and "
    "the others hover around it without reaching it (section 2).":
        "у информативных весов толчок штрафа уравновешен градиентом по данным: они остаются далеко от нуля, а "
        "остальные колеблются около нуля, не достигая его (раздел 2).",
    "on its own it classifies about as well as the best single measurement, so it does carry the signal; it was "
    "dropped because a near-copy that L1 kept carries the same signal (section 7).":
        "в одиночку этот показатель классифицирует примерно так же хорошо, как лучший отдельный показатель, "
        "значит, сигнал в нём есть; он отброшен потому, что тот же сигнал несёт его почти точная копия, которую "
        "L1 сохранила (раздел 7).",
    "the models of section 7 were checked converged (the optimality conditions hold to 0.0001); which of the "
    "near-copies L1 keeps changes with the split, not with the number of epochs.":
        "сходимость моделей раздела 7 проверена (условия оптимальности выполнены с точностью 0.0001); какую из "
        "почти точных копий сохраняет L1, зависит от разбиения, а не от числа эпох.",
    "q3: give the three weights after the soft threshold, as a list of three numbers.":
        "q3: укажите три веса после мягкой пороговой функции списком из трёх чисел.",
    "q3: subtracting ηλ from every weight moves the negative ones away from zero; the soft threshold moves each "
    "weight towards zero: it adds ηλ to a negative weight.":
        "q3: если вычесть ηλ из каждого веса, отрицательные отойдут от нуля; мягкая пороговая функция сдвигает каждый "
        "вес к нулю: к отрицательному весу она прибавляет ηλ.",
    "q3: -0.04 crossed zero; the soft threshold stops a weight at zero instead of letting it cross.":
        "q3: вес -0.04 перескочил через ноль; мягкая пороговая функция останавливает вес на нуле, не давая его "
        "пересечь.",
    "q3: dividing by 1 + ηλ is L2's proximal step; L1's soft threshold subtracts ηλ from each size.":
        "q3: деление на 1 + ηλ — проксимальный шаг L2; мягкая пороговая функция L1 вычитает ηλ из модуля каждого "
        "веса.",
    "q3: that is a hard threshold; the soft threshold also moves the weights it keeps towards zero, by ηλ.":
        "q3: это жёсткая пороговая функция; мягкая ещё и сдвигает сохранённые веса к нулю на ηλ.",
    "q3: -0.04 is smaller than ηλ = 0.1 in size, so the soft threshold sets it to exactly 0.":
        "q3: по модулю -0.04 меньше ηλ = 0.1, поэтому мягкая пороговая функция обращает его ровно в 0.",
    "q3: move each weight towards zero by ηλ = 0.1, and stop at zero: sign(w) max(|w| - ηλ, 0).":
        "q3: сдвиньте каждый вес к нулю на ηλ = 0.1 и остановитесь на нуле: sign(w) max(|w| - ηλ, 0).",
    "q5: missing; give a number.":
        "q5: нет ответа; укажите число.",
    "q5: the gradient of the squared error carries a factor 2, so L is twice the eigenvalue.":
        "q5: в градиенте квадратичной ошибки есть множитель 2, поэтому L вдвое больше собственного значения.",
    "q5: that is L itself; the safe step is 1/L.":
        "q5: это само L; безопасный шаг — 1/L.",
    "q5: that is the step for the mean BCE, where the sigmoid's slope (at most 1/4) makes L a quarter of the "
    "eigenvalue; for the mean squared error L = 2 × the eigenvalue.":
        "q5: это шаг для средней BCE, где наклон сигмоиды (не больше 1/4) делает L четвертью собственного значения; "
        "для среднеквадратичной ошибки L = 2 × собственное значение.",
    "q5: for the mean squared error L = 2 × the largest eigenvalue of X1'X1/n; the safe step is 1/L.":
        "q5: для среднеквадратичной ошибки L = 2 × наибольшее собственное значение X1'X1/n; безопасный шаг — 1/L.",
    'your answers as a dict {"q1": letter, "q2": letter, "q3": [three numbers], ...}':
        'ваши ответы в виде словаря {"q1": letter, "q2": letter, "q3": [three numbers], ...} (letter — буква, '
        'three numbers — три числа)',
    "q1: section 4's paths and their check. q2: section 2. q3: section 3's soft threshold, sign(w) max(|w| - ηλ, 0). "
    "q4: the end of section 7. q5: section 2, the step that never overshoots.":
        "q1: пути регуляризации раздела 4 и их проверка. q2: раздел 2. q3: мягкая пороговая функция из раздела 3, "
        "sign(w) max(|w| - ηλ, 0). q4: конец раздела 7. q5: раздел 2, шаг, который никогда не проскакивает минимум.",
    'answers should be a dict like {{"q1": "a", "q3": [0.1, 0.2, 0.3], ...}}; got {answers!r}.':
        'answers должен быть словарём вида {{"q1": "a", "q3": [0.1, 0.2, 0.3], ...}}; получено {answers!r}.',
    "q3: missing; give a list of three numbers.":
        "q3: нет ответа; укажите список из трёх чисел.",
}
