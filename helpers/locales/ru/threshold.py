"""Russian texts of helpers (threshold); keys are the English texts as written in the code."""
MESSAGES = {
    # shapes of answers
    "{name} should be a dict with the keys {keys}, like {{{example}}}; got {answer!r}.":
        "{name} должен быть словарём (dict) с ключами {keys}, например {{{example}}}; получено {answer!r}.",
    '{name}["{key}"] should be one number; got {value!r}.':
        '{name}["{key}"] должно быть одним числом; получено {value!r}.',

    # 01.1: equal costs
    "the threshold with the lowest validation cost when a miss costs as much as a false alarm (one number)":
        "порог с наименьшей стоимостью на оценочном наборе, когда пропуск стоит столько же, сколько ложная "
        "тревога (одно число)",
    "Section 5 tuned with threshold_for_min_cost(y_val, p_val, fn_cost=MISS_COST); only the cost changes. Then "
    "compare the true costs of your threshold and of 0.5: true_cost(t, fn_cost=1).":
        "В разделе 5 порог подбирали с помощью threshold_for_min_cost(y_val, p_val, fn_cost=MISS_COST); меняется "
        "только стоимость. Затем сравните истинные стоимости вашего порога и порога 0.5: true_cost(t, fn_cost=1).",
    "t_equal should be one threshold, a probability between 0 and 1; got {t_equal!r}.":
        "t_equal должен быть одним порогом, вероятностью от 0 до 1; получено {t_equal!r}.",
    "this is the threshold for misses that cost {miss_cost:g} times a false alarm, as in section 5. With equal "
    "costs a miss and a false alarm weigh the same: tune with fn_cost=1.":
        "это порог для пропусков, которые стоят в {miss_cost:g} раз дороже ложной тревоги, как в разделе 5. При "
        "равных стоимостях пропуск и ложная тревога весят одинаково: подбирайте с fn_cost=1.",
    "this threshold is the best one on the test set: that is the leak of section 7. Tune on the validation set "
    "(y_val, p_val); the test set is only for the final report.":
        "это лучший порог на тестовом наборе, то есть утечка данных из раздела 7. Подбирайте порог на оценочном "
        "наборе (y_val, p_val); тестовый набор нужен только для итогового отчёта.",
    "0.5 is what the rule says for equal costs, but the exercise asks which threshold the validation set picks. At "
    "0.5 the validation set has {errors} errors, and another threshold has {fewest}.":
        "0.5 — это то, что даёт правило при равных стоимостях, но упражнение спрашивает, какой порог выберет "
        "оценочный набор. При 0.5 на оценочном наборе ошибок: {errors}, а у другого порога их {fewest}.",
    "close: at {t:.3f} the validation set has {errors} errors, one more than the best threshold. A grid of "
    "thresholds can step over the best one: try every distinct validation probability (threshold_curves does), or "
    "threshold_for_min_cost.":
        "почти: при {t:.3f} на оценочном наборе ошибок: {errors}, на одну больше, чем у лучшего порога. Сетка "
        "порогов может перешагнуть через лучший: переберите все различные вероятности оценочного набора (так "
        "делает threshold_curves) или воспользуйтесь threshold_for_min_cost.",
    "1/{denominator:g} is the rule's threshold when a miss costs {miss_cost:g} times a false alarm; here both cost "
    "the same. And the exercise asks what the validation set picks: tune it.":
        "1/{denominator:g} — порог по правилу, когда пропуск стоит в {miss_cost:g} раз дороже ложной тревоги; "
        "здесь обе ошибки стоят одинаково. К тому же упражнение спрашивает, что выберет оценочный набор: "
        "подберите порог.",
    "at {t:.3f} the validation set has {errors} errors (misses plus false alarms); the best threshold has "
    "{fewest}, and it lies below yours. Tune with threshold_for_min_cost(y_val, p_val, fn_cost=1).":
        "при {t:.3f} на оценочном наборе ошибок (пропусков и ложных тревог вместе): {errors}; у лучшего порога их "
        "{fewest}, и он лежит ниже вашего. Подберите порог с помощью threshold_for_min_cost(y_val, p_val, "
        "fn_cost=1).",
    "at {t:.3f} the validation set has {errors} errors (misses plus false alarms); the best threshold has "
    "{fewest}, and it lies above yours. Tune with threshold_for_min_cost(y_val, p_val, fn_cost=1).":
        "при {t:.3f} на оценочном наборе ошибок (пропусков и ложных тревог вместе): {errors}; у лучшего порога их "
        "{fewest}, и он лежит выше вашего. Подберите порог с помощью threshold_for_min_cost(y_val, p_val, "
        "fn_cost=1).",
    'you predicted its true cost would be "{guess}" than 0.5\'s, and it is "{outcome}": {tuned_cost:.3f} against '
    "{default_cost:.3f} per case. Near its lowest point a cost curve is flat: the validation set's noise moves the "
    "tuned threshold, but hardly the cost, and 0.5 already sat near the bottom.":
        'вы предсказали, что его истинная стоимость по сравнению с порогом 0.5 будет "{guess}", а вышло '
        '"{outcome}": {tuned_cost:.3f} против {default_cost:.3f} на случай. Около своего минимума кривая '
        "стоимости пологая: шум оценочного набора сдвигает подобранный порог, но почти не меняет стоимость, а "
        "порог 0.5 и так был почти на дне.",

    # 01.2: a goal too strict for the validation set
    "needed: {goal} ** {m} = {power:.4f} is still above 0.1. A number of cases is whole: round up.":
        "needed: {goal} ** {m} = {power:.4f} всё ещё больше 0.1. Число случаев целое: округлите вверх.",
    "needed: that certifies the goal with 95% confidence; the question asks for 90%: 0.99 ** m <= 0.1.":
        "needed: столько случаев подтверждают цель с уверенностью 95%, а вопрос о 90%: 0.99 ** m <= 0.1.",
    "needed: that certifies recall 0.95, the goal of section 6; the stricter clinic wants 0.99.":
        "needed: столько случаев подтверждают полноту 0.95, цель раздела 6; более строгой клинике нужно 0.99.",
    "needed: 100 cases is where one miss is expected; the bound asks how many cases, all caught, make a true "
    "recall of 0.99 or less unlikely: the smallest m with 0.99 ** m <= 0.1.":
        "needed: на 100 случаях ожидается один пропуск; а граница отвечает на вопрос, сколько случаев, пойманных "
        "все до одного, делают истинную полноту 0.99 или ниже маловероятной: наименьшее m, при котором "
        "0.99 ** m <= 0.1.",
    "needed: catching all m cases certifies recall >= r with 90% confidence when r ** m <= 0.1 (section 6.3). "
    "Solve 0.99 ** m <= 0.1 for the smallest whole m.":
        "needed: если пойманы все m случаев, полнота >= r подтверждена с уверенностью 90%, когда r ** m <= 0.1 "
        "(раздел 6.3). Найдите наименьшее целое m, при котором 0.99 ** m <= 0.1.",
    'a dict {"meets": share of the partitions meeting recall 0.99, "needed": number of malignant validation '
    'cases}':
        'словарь {"meets": share of the partitions meeting recall 0.99, "needed": number of malignant validation '
        'cases}: в meets — доля разбиений, где цель по полноте достигнута, в needed — число злокачественных '
        "случаев в оценочном наборе",
    "meets: section 6.2's on_test(rules[\"catch every validation case\"]) gives each partition's test recall; "
    "count the partitions where it is at least 0.99. needed: section 6.3's bound, r ** m = 0.1, solved for m with "
    "r = 0.99.":
        "meets: on_test(rules[\"ловим все на оценочном\"]) из раздела 6.2 даёт полноту на тестовом наборе для "
        "каждого разбиения; посчитайте разбиения, где она не меньше 0.99. needed: граница из раздела 6.3, "
        "r ** m = 0.1, решённая относительно m при r = 0.99.",
    "meets: give a share between 0 and 1 ({fraction:.3f}), not a percentage.":
        "meets: укажите долю от 0 до 1 ({fraction:.3f}), а не проценты.",
    "meets: that is how often the rule meets recall 0.95 (section 6.3); count the partitions whose test recall "
    "reaches 0.99.":
        "meets: так часто правило достигает полноты 0.95 (раздел 6.3); посчитайте разбиения, где полнота на "
        "тестовом наборе достигает 0.99.",
    "meets: count the partitions where catching every validation case gives a test recall of at least 0.99, and "
    "divide by their number; {meets:.3f} is not that share.":
        "meets: посчитайте разбиения, где правило «ловим все на оценочном» даёт полноту на тестовом наборе не "
        "меньше 0.99, и разделите на число разбиений; {meets:.3f} — не эта доля.",
    'you predicted "{guess}", and it met the goal on {share:.1%} of the partitions. Recall 0.99 of {n_test} test '
    "cases allows no miss at all, so the goal fails whenever the lowest-scored malignant case of all landed in "
    "test: as likely as landing in validation. The margin that bought 0.95 buys nothing here.":
        'вы предсказали "{guess}", а цель достигнута на {share:.1%} разбиений. Полнота 0.99 при {n_test} случаях '
        "в тестовом наборе не допускает ни одного пропуска, поэтому цель не достигается всякий раз, когда "
        "злокачественный случай с самой низкой оценкой из всех попал в тестовый набор, а это так же вероятно, как "
        "попасть в оценочный. Запас, который обеспечил 0.95, здесь ничего не даёт.",

    # 01.3: the leak with small test sets
    "the mean of reported minus true cost for a threshold tuned on test sets of 50 points (one number)":
        "среднее разности между стоимостью в отчёте и истинной стоимостью для порога, подобранного на тестовых "
        "наборах по 50 точек (одно число)",
    "report_gap(test_size=50) returns two arrays, the gaps of the test-tuned and of the validation-tuned threshold, "
    "one per test set; the leak is the first one. Its mean is the answer.":
        "report_gap(test_size=50) возвращает два массива: расхождения для порога, подобранного на тестовом наборе, "
        "и для порога, подобранного на оценочном, по одному на каждый тестовый набор; утечка — это первый. Его "
        "среднее и есть ответ.",
    "report_gap returns two arrays, the test-tuned threshold's gaps first, then the validation-tuned one's; give "
    "one number, the mean of the first.":
        "report_gap возвращает два массива: сначала расхождения порога, подобранного на тестовом наборе, затем "
        "порога, подобранного на оценочном; дайте одно число — среднее первого.",
    "gap_50 should be one number, the mean over the test sets; got {kind} {gap_50!r:.80}.":
        "gap_50 должен быть одним числом, средним по тестовым наборам; получено {kind} {gap_50!r:.80}.",
    "that is section 7's result with test sets of 200 points: rerun report_gap with test_size=50.":
        "это результат раздела 7 с тестовыми наборами по 200 точек: запустите report_gap заново с test_size=50.",
    "that is the size of the leak with the sign turned: reported minus true cost is negative when the report looks "
    "better than the truth.":
        "это величина утечки с обратным знаком: стоимость в отчёте минус истинная стоимость отрицательна, когда "
        "отчёт выглядит лучше, чем есть на самом деле.",
    "that is the gap of the threshold tuned on validation, the honest one (the second array); the leak is the "
    "threshold tuned on each test set (the first).":
        "это расхождение порога, подобранного на оценочном наборе, честного (второй массив); утечка — это порог, "
        "подобранный на каждом тестовом наборе (первый).",
    "{gap:+.3f} is further from what report_gap(test_size=50) gives for the test-tuned threshold than other test "
    "sets would explain. Take the mean of the first array it returns.":
        "{gap:+.3f} дальше от того, что report_gap(test_size=50) даёт для порога, подобранного на тестовом наборе, "
        "чем можно объяснить другими тестовыми наборами. Возьмите среднее первого массива, который она возвращает.",
    'you predicted the leak would "{guess}", and it grew: {small:+.3f} per case with 50 points, {large:+.3f} with '
    "200. A small test set is noisy, so the threshold that looks best on it fits more of its luck, and its report "
    "is further from the truth.":
        'вы предсказали "{guess}", а утечка выросла: {small:+.3f} на случай при 50 точках, '
        "{large:+.3f} при 200. Маленький тестовый набор шумный, поэтому лучший на нём порог сильнее подстраивается "
        "под его случайности, и стоимость в отчёте дальше от истинной.",
    'you predicted the leak would "{guess}", and on this draw it shrank: {small:+.3f} per case with 50 points, '
    "{large:+.3f} with 200. Expect the opposite on most draws: a small test set is noisy, so the threshold that "
    "looks best on it usually fits more of its luck; here the noise went the other way.":
        'вы предсказали "{guess}", а в этой выборке утечка уменьшилась: {small:+.3f} на случай при 50 точках, '
        "{large:+.3f} при 200. Обычно бывает наоборот: маленький тестовый набор шумный, поэтому лучший на нём "
        "порог обычно сильнее подстраивается под его случайности; здесь шум сыграл в другую сторону.",

    # 01.4: an overconfident model
    'a dict {"p_value": reliability p-value on validation, "rule": true cost of 1/11, "tuned": true cost of a '
    'threshold tuned on validation}, all with the overconfident probabilities':
        'словарь {"p_value": reliability p-value on validation, "rule": true cost of 1/11, "tuned": true cost of a '
        'threshold tuned on validation}: p-значение проверки надёжности на оценочном наборе, истинная стоимость '
        "порога по правилу и истинная стоимость порога, подобранного на оценочном наборе, всё — с излишне "
        "уверенными вероятностями",
    "Compute p = sigmoid(2 z) with z = model(X) under torch.no_grad(), for X_val and X_future. Then "
    "calibration_bins(y_val, ...).p_value; the true cost is the cost on the fresh data, threshold_metrics(y_future, "
    "..., t).cost(MISS_COST); tune t on the overconfident validation probabilities with threshold_for_min_cost.":
        "Вычислите p = sigmoid(2 z), где z = model(X), внутри torch.no_grad() для X_val и X_future. Затем "
        "calibration_bins(y_val, ...).p_value; истинная стоимость — это стоимость на свежих данных, "
        "threshold_metrics(y_future, ..., t).cost(MISS_COST); подберите t на излишне уверенных вероятностях "
        "оценочного набора с помощью threshold_for_min_cost.",
    "p_value: a p-value is a probability, between 0 and 1.":
        "p_value: p-значение — это вероятность, от 0 до 1.",
    "p_value: that is the calibrated model's p-value from section 5; run calibration_bins on the overconfident "
    "validation probabilities, sigmoid(2 z).":
        "p_value: это p-значение откалиброванной модели из раздела 5; примените calibration_bins к излишне "
        "уверенным вероятностям оценочного набора, sigmoid(2 z).",
    "p_value: {given:.3g} is not what calibration_bins(y_val, p).p_value gives with the overconfident validation "
    "probabilities p = sigmoid(2 z).":
        "p_value: {given:.3g} — не то, что даёт calibration_bins(y_val, p).p_value с излишне уверенными "
        "вероятностями оценочного набора p = sigmoid(2 z).",
    "rule: that is the calibrated model's true cost of 1/11 (section 5); apply 1/11 to the overconfident "
    "probabilities.":
        "rule: это истинная стоимость порога 1/11 у откалиброванной модели (раздел 5); примените 1/11 к излишне "
        "уверенным вероятностям.",
    "rule: that is the cost on the test set; the true cost is the cost on the 100,000 fresh points (X_future, "
    "y_future).":
        "rule: это стоимость на тестовом наборе; истинная стоимость — это стоимость на 100,000 свежих точек "
        "(X_future, y_future).",
    "rule: the true cost of 1/11 is threshold_metrics(y_future, p, 1/11).cost(MISS_COST) with the overconfident "
    "p; {given:.3f} is not it.":
        "rule: истинная стоимость порога 1/11 — это threshold_metrics(y_future, p, 1/11).cost(MISS_COST) с излишне "
        "уверенными p; {given:.3f} — не она.",
    "tuned: you reused the threshold tuned on the calibrated probabilities ({reused:.3f}); tune it again, on the "
    "overconfident validation probabilities.":
        "tuned: вы взяли порог, подобранный на откалиброванных вероятностях ({reused:.3f}); подберите его заново, "
        "на излишне уверенных вероятностях оценочного набора.",
    "tuned: that is the cost on the test set; the true cost is the cost on the 100,000 fresh points (X_future, "
    "y_future).":
        "tuned: это стоимость на тестовом наборе; истинная стоимость — это стоимость на 100,000 свежих точек "
        "(X_future, y_future).",
    "tuned: tune t on the overconfident validation probabilities with threshold_for_min_cost, then take its cost "
    "on the fresh data; {given:.3f} is not it.":
        "tuned: подберите t на излишне уверенных вероятностях оценочного набора с помощью threshold_for_min_cost, "
        "затем возьмите его стоимость на свежих данных; {given:.3f} — не она.",
    'you predicted "{guess}", and it was "{outcome}": the rule\'s true cost went from {rule_before:.3f} to '
    "{rule:.3f}, the tuned threshold's from {tuned_before:.3f} to {tuned:.3f}. Doubling the logits keeps the order "
    "of the cases; tuning on validation looks only at that order, while the rule trusts the probabilities' "
    "values.":
        'вы предсказали "{guess}", а вышло "{outcome}": истинная стоимость порога по правилу изменилась с '
        "{rule_before:.3f} до {rule:.3f}, подобранного порога — с {tuned_before:.3f} до {tuned:.3f}. Удвоение "
        "логитов сохраняет порядок случаев; подбор на оценочном наборе смотрит только на этот порядок, а правило "
        "доверяет самим значениям вероятностей.",

    # 01.quiz
    "accuracy counts both classes; with 5% positives a model can be right on 95% of cases and still miss every "
    "positive (section 3).":
        "доля правильных ответов учитывает оба класса; при 5% положительных случаев модель может быть права на "
        "95% случаев и всё равно пропустить все положительные (раздел 3).",
    "accuracy does not fix recall at all: a model that always says 0 has accuracy 0.95 and recall 0, and a model "
    "that catches every positive can have accuracy 0.95 too (section 3).":
        "доля правильных ответов вовсе не определяет полноту: у модели, которая всегда отвечает 0, доля "
        "правильных ответов 0.95 и полнота 0, а модель, которая ловит все положительные случаи, тоже может иметь "
        "долю правильных ответов 0.95 (раздел 3).",
    "the threshold was chosen because it looked best on that test set, so its luck is built into the report: on "
    "new data the cost is higher on average (section 7).":
        "порог выбран потому, что он выглядел лучшим на этом тестовом наборе, так что его удача встроена в отчёт: "
        "на новых данных стоимость в среднем выше (раздел 7).",
    "picking the best-looking of many thresholds selects the ones the test set flatters: the cost on new data is "
    "higher, not lower, on average (section 7).":
        "выбирая самый удачный на вид из многих порогов, мы отбираем те, которые тестовый набор приукрашивает: "
        "стоимость на новых данных в среднем выше, а не ниже (раздел 7).",
    "tuned to exactly 0.95 on validation, the threshold sits at the edge of the goal: whether the test set does as "
    "well depends on which set the few lowest-scored positives landed in, a coin flip (section 6.2).":
        "подобранный ровно под 0.95 на оценочном наборе, порог стоит на самой границе цели: справится ли тестовый "
        "набор так же, зависит от того, в какой набор попали немногие положительные случаи с самыми низкими "
        "оценками, — это подбрасывание монеты (раздел 6.2).",
    "the threshold reaches the goal on validation, and the test set is as likely to do as well as not: about half "
    "the time, not rarely (section 6.2).":
        "порог достигает цели на оценочном наборе, а тестовый набор с равной вероятностью справится или нет: "
        "примерно в половине случаев, а не редко (раздел 6.2).",
    'your answers as a dict {"q1": letter, "q2": number, ...}':
        'ваши ответы в виде словаря {"q1": letter, "q2": number, ...} (letter — буква, number — число)',
    "q1: section 3. q2: section 5's rule, p * cost of a miss > (1 - p) * cost of a false alarm. q3: section 7. "
    "q4: section 6.2. q5: section 6.3's bound, r ** m = 0.1.":
        "q1: раздел 3. q2: правило раздела 5, p * стоимость пропуска > (1 - p) * стоимость ложной тревоги. q3: "
        "раздел 7. q4: раздел 6.2. q5: граница из раздела 6.3, r ** m = 0.1.",
    'answers should be a dict like {{"q1": "a", "q2": 0.5, ...}}; got {answers!r}.':
        'answers должен быть словарём вида {{"q1": "a", "q2": 0.5, ...}}; получено {answers!r}.',
    "q2: missing; give a number.":
        "q2: нет ответа; укажите число.",
    "q2: that is on the wrong side of 0.5: a costlier miss makes it pay to call a case positive sooner, so the "
    "threshold moves down.":
        "q2: это по другую сторону от 0.5: когда пропуск дороже, выгодно раньше объявлять случай положительным, "
        "поэтому порог сдвигается вниз.",
    "q2: calling a case positive pays when p * {cost} > (1 - p) * 1, that is when p > 1/{denominator}: the false "
    "alarm's (1 - p) counts too.":
        "q2: объявлять случай положительным выгодно, когда p * {cost} > (1 - p) * 1, то есть когда "
        "p > 1/{denominator}: множитель (1 - p) у ложной тревоги тоже учитывается.",
    "q2: 0.5 is the rule for equal costs; here a miss costs 4 times a false alarm.":
        "q2: 0.5 — это правило для равных стоимостей; здесь пропуск стоит в 4 раза дороже ложной тревоги.",
    "q2: solve p * {cost} = (1 - p) * 1 for p.":
        "q2: решите уравнение p * {cost} = (1 - p) * 1 относительно p.",
    "q5: missing; give a number.":
        "q5: нет ответа; укажите число.",
    "q5: catching all {caught} cannot prove a recall of 1: a recall of 0.95 would still catch all of them with "
    "probability 0.95 ** {caught} = {chance:.2f}.":
        "q5: то, что пойманы все {caught}, не доказывает полноту 1: при полноте 0.95 все они всё равно были бы "
        "пойманы с вероятностью 0.95 ** {caught} = {chance:.2f}.",
    "q5: 0.9 is the confidence, not the bound: find the recall r with r ** 30 = 0.1.":
        "q5: 0.9 — это уровень уверенности, а не граница: найдите полноту r, при которой r ** 30 = 0.1.",
    "q5: that is the 95% bound, r ** 30 = 0.05; the question asks for 90%.":
        "q5: это граница для 95%, r ** 30 = 0.05; а вопрос о 90%.",
    "q5: the 90% lower bound is the recall r at which catching all {caught} has probability 0.1: r ** {caught} = "
    "0.1.":
        "q5: нижняя граница для 90% — это полнота r, при которой поймать все {caught} можно с вероятностью 0.1: "
        "r ** {caught} = 0.1.",
}
