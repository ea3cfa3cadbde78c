"""Russian texts of the exercise framework (helpers.exercises, its answers module, the student edition's
generator); keys are the English texts as written in the code."""
MESSAGES = {
    "Correct.": "Верно.",
    "Not yet.": "Пока нет.",
    "Not answered yet.": "Ответа пока нет.",
    "Hint for exercise {id}: {hint}": "Подсказка к упражнению {id}: {hint}",
    'The reference solution of exercise {id} is in the teacher edition of this notebook, in notebooks/ of the '
    'course repository. Try the hint first: hint("{id}").':
        'Эталонное решение упражнения {id} есть в версии этого блокнота для преподавателя (notebooks/ru/ в '
        'репозитории курса). Сначала попробуйте подсказку: hint("{id}").',
    'Put {answer} in the answer cell above and run this cell again; hint("{id}") helps.':
        'Запишите в ячейку ответа выше: {answer}, и снова выполните эту ячейку; поможет hint("{id}").',
    "Exercise {id}: {mark} {message}": "Упражнение {id}: {mark} {message}",
    '**Student edition.** Each exercise has an empty answer cell (`... `): write your code there, then run the '
    'check below it. `hint("ID")` gives a hint. The teacher edition, with the solutions, is [../{name}](../{name}).':
        '**Версия для студентов.** В каждом упражнении есть пустая ячейка ответа (`... `): напишите в ней свой код, '
        'затем выполните проверку под ней. `hint("ID")` даёт подсказку. Версия для преподавателя, с решениями: '
        '[../{name}](../{name}).',
    "# Exercise {id}: your code here. Put {what} into `{variable}`.":
        "# Упражнение {id}: ваш код здесь. Запишите в `{variable}`: {what}.",
    "run anything": "что-либо запускать",
    "{first} or {last}": "{first} или {last}",
    "first record your prediction in the prediction cell above, before you {before}: {options}. Then run your "
    "code and this check.":
        "сначала запишите свой прогноз в ячейку прогноза выше, прежде чем {before}: {options}. Затем выполните "
        "свой код и эту проверку.",
    "your prediction should be one of {options}; got {prediction!r}.":
        "прогноз должен быть одним из вариантов: {options}; получено {prediction!r}.",
    "{q}: missing; give one letter: a, b or c.": "{q}: нет ответа; укажите одну букву: a, b или c.",
    "{q}: not {letter}: {why}": "{q}: не {letter}: {why}",
}
