"""Russian texts of helpers (bce); keys are the English texts as written in the code."""
MESSAGES = {
    # 02.1: where the two-step route sigmoid + BCELoss goes wrong
    "the logits from which on the sigmoid + BCELoss gradient is wrong, to within 0.1, as a dict "
    "{1: z for y = 1, 0: z for y = 0}":
        "логиты, начиная с которых градиент sigmoid + BCELoss неверен, с точностью до 0.1, в виде словаря "
        "{1: z for y = 1, 0: z for y = 0}",
    "Compute the gradient of sigmoid + BCELoss for many logits at once, as section 4 does (one loss per example, "
    "summed, then .backward(): each logit gets its own gradient), on a grid in steps of 0.1; compare it with the "
    "exact sigmoid(z) - y. A positive example (y = 1) is confidently wrong at negative z, a negative one (y = 0) "
    "at positive z.":
        "Вычислите градиент sigmoid + BCELoss сразу для многих логитов, как в разделе 4 (по одной потере на пример, "
        "их сумма, затем .backward(): каждый логит получает свой градиент), на сетке с шагом 0.1; сравните его с "
        "точным sigmoid(z) - y. На положительном примере (y = 1) модель уверенно ошибается при отрицательных z, на "
        "отрицательном (y = 0) — при положительных.",
    "an example with y = {label} is confidently wrong at large negative logits, where p is near {p_near}: the edge "
    "is negative.":
        "на примере с y = {label} модель уверенно ошибается при больших отрицательных логитах, где p близко "
        "к {p_near}: граница отрицательна.",
    "an example with y = {label} is confidently wrong at large positive logits, where p is near {p_near}: the edge "
    "is positive.":
        "на примере с y = {label} модель уверенно ошибается при больших положительных логитах, где p близко "
        "к {p_near}: граница положительна.",
    "at z = {z:.2f} the two-step gradient ({two_step:.3f}) still agrees with the exact one ({exact:.3f}) to within "
    "1%: the edge lies at a more negative logit.":
        "при z = {z:.2f} двухшаговый градиент ({two_step:.3f}) ещё совпадает с точным ({exact:.3f}) с точностью до "
        "1%: граница лежит при более отрицательном логите.",
    "at z = {z:.2f} the two-step gradient ({two_step:.3f}) still agrees with the exact one ({exact:.3f}) to within "
    "1%: the edge lies at a larger logit.":
        "при z = {z:.2f} двухшаговый градиент ({two_step:.3f}) ещё совпадает с точным ({exact:.3f}) с точностью до "
        "1%: граница лежит при большем логите.",
    "z = {z:.1f} is where the float32 sigmoid underflows to 0, but the gradient went wrong long before: BCELoss's "
    "backward divides by p(1 - p) and floors that at 1e-12. Search where the two-step gradient first differs from "
    "the exact one.":
        "при z = {z:.1f} сигмоида во float32 обращается в 0 (исчезновение порядка), но градиент испортился задолго "
        "до этого: обратный проход BCELoss делит на p(1 - p) и не даёт этому делителю опуститься ниже 1e-12. "
        "Ищите, где двухшаговый градиент впервые расходится с точным.",
    "20 is the first row of section 4's table that fails, but the table jumps from 5 to 20: search between them, "
    "in steps of 0.1 or finer.":
        "20 — первая строка таблицы раздела 4, где всё ломается, но таблица прыгает с 5 сразу на 20: ищите между "
        "ними, с шагом 0.1 или мельче.",
    "at z = {z:.2f} the two-step gradient is already wrong ({two_step:.3g} against the exact {exact:.3f}): the "
    "edge lies at a less negative logit; search in steps of 0.1 or finer.":
        "при z = {z:.2f} двухшаговый градиент уже неверен ({two_step:.3g} против точного {exact:.3f}): граница "
        "лежит при менее отрицательном логите; ищите с шагом 0.1 или мельче.",
    "at z = {z:.2f} the two-step gradient is already wrong ({two_step:.3g} against the exact {exact:.3f}): the "
    "edge lies at a smaller logit; search in steps of 0.1 or finer.":
        "при z = {z:.2f} двухшаговый градиент уже неверен ({two_step:.3g} против точного {exact:.3f}): граница "
        "лежит при меньшем логите; ищите с шагом 0.1 или мельче.",
    "edges should be a dict with the keys 1 and 0 (the labels), each holding one logit, e.g. {{1: -12.3, 0: 4.5}}; "
    "got {edges!r}.":
        "edges должен быть словарём с ключами 1 и 0 (метки), под каждым — один логит, например "
        "{{1: -12.3, 0: 4.5}}; получено {edges!r}.",
    "your two edges are swapped: edges[1] is for a positive example (y = 1), edges[0] for a negative one.":
        "ваши две границы перепутаны местами: edges[1] — для положительного примера (y = 1), edges[0] — для "
        "отрицательного.",
    "p = 1e-13 is stored fine, but BCELoss's backward divides by p(1 - p) and floors that at 1e-12; below the "
    "floor the division no longer cancels the sigmoid's slope p(1 - p), and the gradient shrinks with p":
        "p = 1e-13 хранится без проблем, но обратный проход BCELoss делит на p(1 - p) и не даёт этому делителю "
        "опуститься ниже 1e-12; ниже этого порога деление больше не сокращает наклон сигмоиды p(1 - p), и "
        "градиент уменьшается вместе с p",
    "it is not zero: p = 1e-13 has not rounded to 0 (float32 goes down to about 1e-38), so the slope p(1 - p) is "
    "not 0 as it was for y = 0; but BCELoss's backward floors p(1 - p) at 1e-12, and below that floor the gradient "
    "shrinks with p":
        "он не нулевой: p = 1e-13 не округлилось до 0 (float32 доходит примерно до 1e-38), поэтому наклон "
        "p(1 - p) не равен 0, как это было при y = 0; но обратный проход BCELoss не даёт p(1 - p) опуститься ниже "
        "1e-12, и ниже этого порога градиент уменьшается вместе с p",
    "see the hint":
        "см. подсказку",
    'your edges are right, but your prediction "{guess}" is not what happened: at y = 1, z = -30 the two-step '
    "gradient is {two_step:.3f} where the exact one is {exact:.3f}. Why: {why}. Once you can say it in a sentence, "
    "set `prediction` to what happened and run this check again.":
        'границы верны, но ваш прогноз "{guess}" не сбылся: при y = 1, z = -30 двухшаговый градиент равен '
        "{two_step:.3f}, а точный — {exact:.3f}. Почему: {why}. Когда сможете объяснить это одной фразой, "
        "запишите в `prediction` то, что произошло, и запустите эту проверку снова.",
    # 02.2: BCE against squared error with Adam
    'the epochs each loss needs to reach the goal with Adam at 0.1, as a dict {"BCE": n, "MSE on p": n}':
        'число эпох, которое нужно каждой функции потерь, чтобы достичь цели с Adam при 0.1, в виде словаря '
        '{"BCE": n, "MSE on p": n}',
    'Copy args with another optimizer and rate: Namespace(**{**vars(args), "optimizer": torch.optim.Adam, '
    '"learning_rate": 0.1}). Then, for each loss in LOSSES, train a fresh confidently_wrong_model() with '
    "stop_at=GOAL and count its epochs with epochs_to_reach.":
        "Скопируйте args с другим оптимизатором и скоростью: Namespace(**{**vars(args), \"optimizer\": "
        "torch.optim.Adam, \"learning_rate\": 0.1}). Затем для каждой функции потерь из LOSSES обучите новую "
        "confidently_wrong_model() с stop_at=GOAL и посчитайте её эпохи с помощью epochs_to_reach.",
    "adam_reach should be a dict with the keys {names}, each holding a number of epochs (None if the goal was not "
    "reached); got {adam_reach!r}.":
        "adam_reach должен быть словарём с ключами {names}, под каждым — число эпох (None, если цель не "
        "достигнута); получено {adam_reach!r}.",
    "these are gradient descent's counts from section 6: train with torch.optim.Adam at learning rate 0.1 "
    "instead.":
        "это числа градиентного спуска из раздела 6: обучите вместо него с torch.optim.Adam при скорости "
        "обучения 0.1.",
    "your counts are swapped: each loss's count belongs under its own name ({names}).":
        "ваши числа перепутаны местами: число каждой функции потерь должно стоять под её собственным именем "
        "({names}).",
    "None means a run never reached the goal, but with Adam at 0.1 both do. Adam moves each weight by about the "
    "learning rate per epoch: at its default 0.001 it cannot carry the weights from -3 across 0 in 150 epochs. "
    "Use learning rate 0.1.":
        "None означает, что запуск так и не достиг цели, но с Adam при 0.1 цели достигают оба. Adam сдвигает "
        "каждый вес примерно на скорость обучения за эпоху: при скорости по умолчанию 0.001 он не может перевести "
        "веса от -3 через 0 за 150 эпох. Возьмите скорость обучения 0.1.",
    "these are not the counts the notebook's loop gives with Adam at 0.1 from the confidently wrong start. Train "
    "each loss from a fresh confidently_wrong_model(), stop at GOAL = {goal}, and count epochs as epochs_to_reach "
    "does.":
        "это не те числа, которые даёт цикл блокнота с Adam при 0.1 из уверенно ошибочного начала. Обучите "
        "каждую функцию потерь с новой confidently_wrong_model(), остановитесь на GOAL = {goal} и считайте эпохи "
        "так, как это делает epochs_to_reach.",
    'your counts are right, but you predicted the gap would be "{guess}": with Adam {name} needs {adam_ratio:.1f} '
    "times BCE's epochs, with gradient descent {sgd_ratio:.1f} times. Adam divides each step by a running size of "
    "the gradient, so the squared error's small gradients still give steps of about the learning rate. Once you "
    "can say why, set `prediction` to what happened.":
        'числа верны, но ваш прогноз для отставания — "{guess}": с Adam {name} нужно в {adam_ratio:.1f} '
        "раза больше эпох, чем BCE, с градиентным спуском — в {sgd_ratio:.1f} раза. Adam делит каждый шаг на "
        "скользящую оценку величины градиента, поэтому даже маленькие градиенты квадратичной ошибки дают шаги "
        "размером примерно со скорость обучения. Когда сможете объяснить почему, запишите в `prediction` то, что "
        "произошло.",
    # 02.3: where the squared error pushes hardest
    "the logit where the squared error pushes a positive example hardest and the size of that push, as a pair "
    "(z, push)":
        "логит, при котором квадратичная ошибка толкает положительный пример сильнее всего, и величина этого "
        "толчка, в виде пары (z, push)",
    "With p = sigmoid(z) the push is |2(p - 1)p(1 - p)| = 2p(1 - p)^2. Set its derivative in p to 0, then turn p "
    "into a logit with z = log(p / (1 - p)). bce_and_mse(z_grid, y=1).mse_grad gives the gradient on a grid to "
    "check.":
        "При p = sigmoid(z) толчок равен |2(p - 1)p(1 - p)| = 2p(1 - p)^2. Приравняйте его производную по p к 0, "
        "затем переведите p в логит: z = log(p / (1 - p)). bce_and_mse(z_grid, y=1).mse_grad даёт градиент на "
        "сетке для проверки.",
    "strongest should be a pair (z, push) of two numbers; got {strongest!r}.":
        "strongest должен быть парой (z, push) из двух чисел; получено {strongest!r}.",
    "for a positive example the push is strongest on the wrong side, where p < 1/2, that is at a negative logit.":
        "для положительного примера толчок сильнее всего на ошибочной стороне, где p < 1/2, то есть при "
        "отрицательном логите.",
    "at z = 0 (p = 1/2) the push is 2 * (1/2) * (1/2)^2 = 0.25, but it grows a little to the left: 2p(1 - p)^2 is "
    "largest where its derivative in p, 2(1 - p)(1 - 3p), is 0.":
        "при z = 0 (p = 1/2) толчок равен 2 * (1/2) * (1/2)^2 = 0.25, но левее он ещё немного растёт: 2p(1 - p)^2 "
        "максимален там, где его производная по p, 2(1 - p)(1 - 3p), равна 0.",
    "at z = {z:.3f} the push is {push:.3f}, and elsewhere it is larger: find where the derivative of 2p(1 - p)^2 "
    "in p is 0, then turn that p into a logit.":
        "при z = {z:.3f} толчок равен {push:.3f}, а в другом месте он больше: найдите, где производная "
        "2p(1 - p)^2 по p равна 0, затем переведите это p в логит.",
    "your z is right, but {push:.3f} is BCE's push there, 1 - p; the squared error's is 2p(1 - p)^2.":
        "z верно, но {push:.3f} — это толчок BCE в этой точке, 1 - p; у квадратичной ошибки он равен 2p(1 - p)^2.",
    "your z is right, but the push is twice that: the derivative of (p - 1)^2 brings a factor 2.":
        "z верно, но толчок вдвое больше: производная (p - 1)^2 даёт множитель 2.",
    "your z is right; the push there is |2(p - 1)p(1 - p)| with p = sigmoid(z), not {push:.3f}.":
        "z верно; толчок в этой точке равен |2(p - 1)p(1 - p)| при p = sigmoid(z), а не {push:.3f}.",
    # 02.quiz: check your understanding
    "the loss is the same function of the logit either way, with the same minimum and the same decision line; "
    "the difference is only in how float32 computes it (section 4).":
        "в обоих случаях потеря — одна и та же функция логита, с тем же минимумом и той же разделяющей линией; "
        "разница лишь в том, как её вычисляет float32 (раздел 4).",
    "BCELoss raises no error: it clamps the log at -100 and silently reports a loss of 100 and a gradient of 0 "
    "(section 4).":
        "BCELoss не выдаёт ошибки: она ограничивает логарифм значением -100 и молча сообщает потерю 100 и "
        "градиент 0 (раздел 4).",
    "that happened from the confidently wrong start only; from small random weights both losses reached the goal "
    "within a few epochs (section 6's control runs).":
        "так было только при уверенно ошибочном начале; из малых случайных весов обе функции потерь достигли цели "
        "за несколько эпох (контрольные запуски раздела 6).",
    "from small random weights the squared error reached the goal within a few epochs too (section 6's control "
    "runs).":
        "из малых случайных весов квадратичная ошибка тоже достигла цели за несколько эпох (контрольные запуски "
        "раздела 6).",
    "the factor between the two pushes is 1 / (2p(1 - p)): it grows the more wrong the model is, so the rates that "
    "made the two equally fast from w = (-3, -3) left the squared error behind from w = (-5, -5).":
        "множитель между двумя толчками равен 1 / (2p(1 - p)): он растёт тем сильнее, чем сильнее ошибается "
        "модель, поэтому скорости, при которых обе функции были одинаково быстры из w = (-3, -3), оставили "
        "квадратичную ошибку позади из w = (-5, -5).",
    "over section 6's grid of rates the squared error did reach the goal, at rates high enough.":
        "на сетке скоростей раздела 6 квадратичная ошибка всё же достигла цели при достаточно высоких скоростях.",
    'your answers as a dict {"q1": number, "q2": letter, ...}':
        'ваши ответы в виде словаря {"q1": number, "q2": letter, ...} (number — число, letter — буква)',
    "q1: BCE's gradient is p - y and MSE's is 2(p - y)p(1 - p). q2: section 4. q3: section 6's control runs. q4: "
    "BCE is the mean of -ln of the probability given to the true label. q5: the end of section 6.":
        "q1: градиент BCE равен p - y, а MSE — 2(p - y)p(1 - p). q2: раздел 4. q3: контрольные запуски раздела 6. "
        "q4: BCE — среднее от -ln вероятности, данной истинной метке. q5: конец раздела 6.",
    'answers should be a dict like {{"q1": 12.3, "q2": "a", ...}}; got {answers!r}.':
        'answers должен быть словарём вида {{"q1": 12.3, "q2": "a", ...}}; получено {answers!r}.',
    "q1: missing; give a number.":
        "q1: нет ответа; укажите число.",
    "q1: the squared error's derivative 2(p - y)p(1 - p) has a factor 2; did you drop it?":
        "q1: в производной квадратичной ошибки 2(p - y)p(1 - p) есть множитель 2; не потеряли ли вы его?",
    "q1: that is how many times harder the squared error pushes; the question asks about BCE.":
        "q1: это во сколько раз сильнее толкает квадратичная ошибка; а вопрос о BCE.",
    "q1: divide BCE's gradient p - y by the squared error's 2(p - y)p(1 - p) at p = 0.01.":
        "q1: разделите градиент BCE p - y на градиент квадратичной ошибки 2(p - y)p(1 - p) при p = 0.01.",
    "q4: missing; give a number.":
        "q4: нет ответа; укажите число.",
    "q4: BCE is minus the log of the probability, so it is never negative.":
        "q4: BCE — это минус логарифм вероятности, поэтому она никогда не бывает отрицательной.",
    "q4: use the natural logarithm, as PyTorch's BCE does, not log10.":
        "q4: берите натуральный логарифм, как BCE в PyTorch, а не log10.",
    "q4: average the logs of the three probabilities, not the probabilities before the log.":
        "q4: усредняйте логарифмы трёх вероятностей, а не сами вероятности перед логарифмом.",
    "q4: take -ln of each probability given to the true label, then the mean of the three.":
        "q4: возьмите -ln каждой вероятности, данной истинной метке, затем среднее трёх значений.",
}
