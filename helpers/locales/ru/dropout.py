"""Russian texts of helpers (dropout); keys are the English texts as written in the code."""
MESSAGES = {
    # the prediction, before the answer
    "{first} or {last}": "{first} или {last}",
    "first record your prediction in the prediction cell above, before you compute anything: {options}. Then "
    "compute your answer and run this check.":
        "сначала запишите свой прогноз в ячейку прогноза выше, до того как что-либо вычислять: {options}. Затем "
        "вычислите ответ и запустите эту проверку.",
    "your prediction should be {options}; got {prediction!r}.":
        "прогноз должен быть одним из вариантов: {options}; получено {prediction!r}.",

    # 06.1
    "the dropout probability p whose gap (validation minus training loss after 150 epochs) is smallest":
        "вероятность dropout p, у которой разрыв (потери на оценочном наборе минус потери на обучающем после 150 "
        "эпох) наименьший",
    "gap and best_val are dicts from p to a loss: min(P_GRID, key=lambda p: gap[p]) is the p with the smallest gap. "
    "For the prediction, picture a network with so much dropout that it cannot fit even its training points: how "
    "far apart are its two losses, and how low is its validation loss?":
        "gap и best_val — словари, сопоставляющие p значение потерь: min(P_GRID, key=lambda p: gap[p]) даёт p с "
        "наименьшим разрывом. Для прогноза представьте сеть с таким сильным dropout, что она не может подстроиться "
        "даже под свои обучающие точки: насколько близки её потери на обучающем и на оценочном наборе и насколько "
        "низки потери на оценочном?",
    "smallest_gap_p should be one dropout probability, one of {listed}; got {answer!r}.":
        "в smallest_gap_p должна быть одна вероятность dropout, одна из {listed}; получено {answer!r}.",
    "that is a gap, not a dropout probability: give the p whose gap is the smallest.":
        "это разрыв, а не вероятность dropout: укажите p, у которой разрыв наименьший.",
    "smallest_gap_p should be one of the dropout probabilities of section 5 ({listed}); got {value:g}.":
        "в smallest_gap_p должна быть одна из вероятностей dropout из раздела 5 ({listed}); получено {value:g}.",
    "p = {chosen:g} has the largest gap ({gap:.3f}), the network that overfits most; the question asks for the "
    "smallest.":
        "у p = {chosen:g} наибольший разрыв ({gap:.3f}): эта сеть переобучается сильнее всех, а вопрос — о "
        "наименьшем.",
    "p = {chosen:g} has the lowest validation loss at its best epoch ({best:.3f}), but its gap after 150 epochs is "
    "{gap:.3f}, and p = {truth:g}'s is smaller ({truth_gap:.3f}). The question asks for the smallest gap.":
        "у p = {chosen:g} самые низкие потери на оценочном наборе в лучшую эпоху ({best:.3f}), но её разрыв после "
        "150 эпох равен {gap:.3f}, а у p = {truth:g} он меньше ({truth_gap:.3f}). Вопрос — о наименьшем разрыве.",
    "the gap of p = {chosen:g} is {gap:.3f}, but another p has a smaller one.":
        "разрыв при p = {chosen:g} равен {gap:.3f}, но у другой p он меньше.",
    "You predicted that the smallest gap would also give the lowest validation loss, but it does not: p = {truth:g} "
    "has the smallest gap and a best-epoch validation loss of {truth_best:.3f}, while p = {best_p:g} reaches "
    "{best:.3f}. A small gap can mean that both losses are high: the network underfits. Choose on the validation "
    "loss, not on the gap.":
        "Вы предсказали, что наименьший разрыв даст и самые низкие потери на оценочном наборе, но это не так: у "
        "p = {truth:g} наименьший разрыв, а потери на оценочном наборе в лучшую эпоху — {truth_best:.3f}, тогда как "
        "p = {best_p:g} доходит до {best:.3f}. Малый разрыв может означать, что обе потери высоки: сеть "
        "недообучается. Выбирайте по потерям на оценочном наборе, а не по разрыву.",
    "On this split the smallest gap does go with the lowest validation loss (p = {truth:g}); that is not a rule: too "
    "much dropout gives a small gap and a high validation loss. Choose on the validation loss, which is what you "
    "care about.":
        "При этом разбиении наименьший разрыв действительно совпал с самыми низкими потерями на оценочном наборе "
        "(p = {truth:g}), но это не правило: слишком сильный dropout даёт малый разрыв и высокие потери на "
        "оценочном наборе. Выбирайте по потерям на оценочном наборе: важны именно они.",

    # 06.2
    "the pair (the epoch at which training with patience=5 stopped, the validation loss of the model it returned)":
        "пара (эпоха, на которой остановилось обучение с patience=5, потери возвращённой модели на оценочном "
        "наборе)",
    "train_mlp(p=0.5, patience=5) returns (model, history), and fit has already put back the weights of the best "
    "epoch it saw. len(history.val_loss) is the epoch at which training stopped; evaluate(model, X_val, y_val)[0] is "
    "the validation loss of the model it returned.":
        "train_mlp(p=0.5, patience=5) возвращает (model, history), и fit уже вернула веса лучшей эпохи, которую "
        "видела. len(history.val_loss) — эпоха, на которой обучение остановилось; evaluate(model, X_val, y_val)[0] — "
        "потери возвращённой модели на оценочном наборе.",
    "impatient_result should be a pair of two numbers, (the epoch training stopped at, the validation loss of the "
    "model it returned); got {answer!r}.":
        "в impatient_result должна быть пара из двух чисел: (эпоха, на которой остановилось обучение, потери "
        "возвращённой модели на оценочном наборе); получено {answer!r}.",
    "these are the best epoch and validation loss of the full run (section 5); train again with patience={patience} "
    "and report where that run stopped and what it kept.":
        "это лучшая эпоха и потери на оценочном наборе полного запуска (раздел 5); обучите сеть заново с "
        "patience={patience} и укажите, где остановился этот запуск и что он сохранил.",
    "epoch {epoch:g} is the one whose weights fit restored, the best it saw; training itself stopped {patience} "
    "epochs later, when its patience ran out: len(history.val_loss).":
        "эпоха {epoch:g} — та, чьи веса восстановила fit, лучшая из увиденных; само обучение остановилось позже, "
        "когда кончилось терпение (ещё эпох: {patience}): len(history.val_loss).",
    "off by one: fit counts epochs from 1, and len(history.val_loss) is the epoch it stopped at.":
        "ошибка на единицу: fit считает эпохи с 1, и len(history.val_loss) — это эпоха, на которой обучение "
        "остановилось.",
    "that is where a patience of {other} stops this run; the exercise asks for patience={patience}.":
        "здесь этот запуск остановило бы терпение {other}; в упражнении нужно patience={patience}.",
    "that is not where a patience of {patience} stops the p = 0.5 run: it stops {patience} epochs after the last "
    "improvement of the validation loss. Train with train_mlp(p=0.5, patience={patience}).":
        "терпение {patience} останавливает запуск с p = 0.5 не здесь: обучение прекращается, когда число эпох подряд "
        "без улучшения потерь на оценочном наборе достигает {patience}. Обучите сеть вызовом train_mlp(p=0.5, "
        "patience={patience}).",
    "your epoch is right, but {loss:.3f} is the validation loss at epoch {stopped_at}, where training stopped; fit "
    "then restored the weights of its best epoch, {restored}: evaluate the model it returned.":
        "эпоха верна, но {loss:.3f} — это потери на оценочном наборе в эпоху {stopped_at}, где обучение "
        "остановилось; затем fit восстановила веса своей лучшей эпохи, {restored}: оцените возвращённую модель.",
    "your epoch is right, but {loss:.3f} is the full run's best validation loss, at epoch {full_best}; this run "
    "stopped at epoch {stopped_at} and never reached those weights.":
        "эпоха верна, но {loss:.3f} — это лучшие потери полного запуска на оценочном наборе, в эпоху {full_best}; "
        "этот запуск остановился на эпохе {stopped_at} и до тех весов не дошёл.",
    "your epoch is right; the loss should be the validation loss of the model train_mlp returned: evaluate(model, "
    "X_val, y_val)[0].":
        "эпоха верна; а потери должны быть потерями на оценочном наборе модели, которую вернула train_mlp: "
        "evaluate(model, X_val, y_val)[0].",
    "It can never be lower: the run with early stopping follows the full run's path (same seed, same arithmetic), so "
    "the weights it keeps are the full run's weights at some epoch, and the full run's best epoch has the lowest "
    "validation loss of them all. ":
        "Ниже они быть не могут: запуск с ранней остановкой идёт по пути полного запуска (то же зерно, та же "
        "арифметика), поэтому сохранённые им веса — это веса полного запуска на какой-то эпохе, а лучшая эпоха "
        "полного запуска имеет самые низкие потери на оценочном наборе из всех. ",
    'You predicted "{guess}", but the loss it kept is higher. {why}Here it stopped at epoch {stopped_at} and kept '
    "epoch {restored}, long before the full run's best ({full_best}): a patience must outlast the small bumps of the "
    "validation curve.":
        'Ваш прогноз — "{guess}", но потери сохранённой модели выше ("higher"). {why}Здесь обучение остановилось '
        "на эпохе {stopped_at} и сохранило эпоху {restored}, задолго до лучшей эпохи полного запуска ({full_best}): "
        "терпение должно пережидать мелкие всплески кривой потерь на оценочном наборе.",
    'You predicted "{guess}", but the loss it kept is equal. {why}Here its patience outlasted the bumps: it reached '
    "the full run's best epoch, {full_best}, and kept it.":
        'Ваш прогноз — "{guess}", но потери сохранённой модели такие же ("equal"). {why}Здесь терпения хватило, '
        "чтобы пережить всплески: обучение дошло до лучшей эпохи полного запуска, {full_best}, и сохранило её.",

    # 06.3
    "the gap (validation minus training loss, eval mode) of the network trained on 400 points":
        "разрыв (потери на оценочном наборе минус потери на обучающем, в режиме оценки) сети, обученной на 400 "
        "точках",
    "evaluate(model, X, y) returns (loss, accuracy) in eval mode. The gap is the validation loss minus the training "
    "loss, and the training loss of big_data is measured on the points it was trained on: more.":
        "evaluate(model, X, y) возвращает (потери, долю правильных ответов) в режиме оценки. Разрыв — это потери на "
        "оценочном наборе минус потери на обучающем, а потери big_data на обучающем наборе измеряются на тех "
        "точках, на которых она обучалась: more.",
    "gap_more should be one number, a loss minus a loss; got {answer!r}.":
        "в gap_more должно быть одно число, разность двух потерь; получено {answer!r}.",
    "the gap is the validation loss minus the training loss, not the other way round.":
        "разрыв — это потери на оценочном наборе минус потери на обучающем, а не наоборот.",
    "that is the gap with 100 training points (section 5); compute it for big_data.":
        "это разрыв при 100 обучающих точках (раздел 5); вычислите его для big_data.",
    "you measured the training loss on the 100 points of section 1, but big_data was trained on more: its training "
    "loss is evaluate(big_data, *more)[0].":
        "вы измерили потери на обучающем наборе по 100 точкам из раздела 1, но big_data обучалась на more: её "
        "потери на обучающем наборе — evaluate(big_data, *more)[0].",
    "that is a difference of accuracies; the gap here is in loss: evaluate(...)[0].":
        "это разность долей правильных ответов; а разрыв здесь — в потерях: evaluate(...)[0].",
    "that is not big_data's gap: evaluate it on the validation set and on its own training points, more, and "
    "subtract the training loss from the validation loss.":
        "это не разрыв big_data: оцените её на оценочном наборе и на её собственных обучающих точках, more, и "
        "вычтите потери на обучающем наборе из потерь на оценочном.",
    'You predicted "{guess}", but the gap is smaller: {gap:.3f} with 400 training points against {gap_small:.3f} '
    "with 100. The more points, the less room the network has to learn each one by heart.":
        'Ваш прогноз — "{guess}", но разрыв меньше ("smaller"): {gap:.3f} при 400 обучающих точках против '
        "{gap_small:.3f} при 100. Чем больше точек, тем меньше у сети возможностей выучить каждую наизусть.",
    'You predicted "{guess}", but the gap is larger: {gap:.3f} with 400 training points against {gap_small:.3f} '
    "with 100. The more points, the less room the network has to learn each one by heart.":
        'Ваш прогноз — "{guess}", но разрыв больше ("larger"): {gap:.3f} при 400 обучающих точках против '
        "{gap_small:.3f} при 100. Чем больше точек, тем меньше у сети возможностей выучить каждую наизусть.",

    # 06.quiz
    "your answers as a dict {\"q1\": number, \"q2\": letter, ...}":
        "ваши ответы в виде словаря {\"q1\": number, \"q2\": letter, ...} (number — число, letter — буква)",
    "q1: section 4, inverted dropout. q2: section 8. q3: section 6, the player and its check. q4: section 5's check. "
    "q5: section 9.":
        "q1: раздел 4, обратное масштабирование. q2: раздел 8. q3: раздел 6, проигрыватель и его проверка. q4: "
        "проверка раздела 5. q5: раздел 9.",
    'answers should be a dict like {{"q1": 1.5, "q2": "a", ...}}; got {answers!r}.':
        'в answers должен быть словарь вида {{"q1": 1.5, "q2": "a", ...}}; получено {answers!r}.',
    "q1: missing; give a number.": "q1: нет ответа; укажите число.",
    "q1: you multiplied by the keep probability 1 - p; inverted dropout divides by it, so that the mean stays the "
    "same.":
        "q1: вы умножили на вероятность сохранения 1 - p; а dropout с обратным масштабированием делит на неё, "
        "чтобы среднее не менялось.",
    "q1: in train() mode a kept value is scaled (inverted dropout); it passes unchanged only in eval() mode.":
        "q1: в режиме train() сохранённое значение масштабируется (обратное масштабирование); без изменений оно "
        "проходит только в режиме eval().",
    "q1: the scale is 1 / (1 - p), not 1 + p.": "q1: множитель равен 1 / (1 - p), а не 1 + p.",
    "q1: a kept value is multiplied by 1 / (1 - p) in train() mode.":
        "q1: в режиме train() сохранённое значение умножается на 1 / (1 - p).",
    "dropout acts in the forward pass whenever the model is in train() mode (section 4); section 8's 50 evaluations "
    "of the same model all differed.":
        "dropout действует в прямом проходе всякий раз, когда модель в режиме train() (раздел 4); в разделе 8 все "
        "50 оценок одной и той же модели различались.",
    "in section 8 the train-mode loss was higher than the real one on average: a thinned network predicts worse, so "
    "the score is too pessimistic, not just noisy.":
        "в разделе 8 потери в режиме train() были в среднем выше настоящих: прореженная сеть предсказывает хуже, "
        "так что оценка не просто шумная, а слишком пессимистичная.",
    "at each run's best epoch there was no island (section 6's check); islands came later, when the training loss "
    "kept falling and the validation loss climbed.":
        "в лучшую эпоху каждого запуска островов не было (проверка раздела 6); они появлялись позже, когда потери "
        "на обучающем наборе продолжали падать, а на оценочном росли.",
    "section 6 played it: after its best epoch the network without dropout bends its line around single training "
    "points (its check: it gets fewer of them wrong at the end), and on many seeds it closes an island around one "
    "(on yours, see the printed lines).":
        "раздел 6 это показал: после своей лучшей эпохи сеть без dropout изгибает линию вокруг отдельных обучающих "
        "точек (его проверка: к концу она ошибается на меньшем их числе), а при многих зёрнах замыкает остров "
        "вокруг одной из них (что при вашем зерне — см. напечатанные строки).",
    "section 5's check: at their best epochs, the best dropout model improves on early stopping alone by less than "
    "a fifth of what early stopping itself gains.":
        "проверка раздела 5: в лучшие эпохи лучшая модель с dropout улучшает результат одной лишь ранней остановки "
        "меньше чем на пятую часть того, что даёт сама ранняя остановка.",
    "after 150 epochs the network without dropout is scored long past its best epoch; compare each model at its "
    "best epoch, where early stopping would keep it (section 5).":
        "после 150 эпох сеть без dropout оценивается далеко за своей лучшей эпохой; сравнивайте каждую модель в её "
        "лучшую эпоху, где её сохранила бы ранняя остановка (раздел 5).",
    "a winner on the edge may be beaten by a value beyond it: widen the grid in that direction and search again "
    "(section 9).":
        "победителя на краю может обойти значение за этим краем: расширьте сетку в эту сторону и повторите поиск "
        "(раздел 9).",
    "the test set is looked at once, for the winner chosen on validation data; choosing on it leaks the test set "
    "into the choice (section 9).":
        "на тестовый набор смотрят один раз, для победителя, выбранного на оценочных данных; выбор по нему — это "
        "утечка тестового набора в выбор (раздел 9).",
}
