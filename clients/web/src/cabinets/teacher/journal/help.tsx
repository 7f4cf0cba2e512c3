/** The keys of the grid, for the teacher who has not used it before. */
export function KeyboardHelp() {
  return (
    <details className="journal-help">
      <summary>Как вводить с клавиатуры</summary>
      <dl>
        <dt>← → ↑ ↓, Tab, Enter</dt>
        <dd>переход по ячейкам (Enter — к следующему ученику, Shift+Enter — к предыдущему)</dd>
        <dt>2, 3, 4, 5</dt>
        <dd>отметка выбранного вида и веса; «+» — зачёт, «−» — незачёт</dd>
        <dt>н, б, у, о</dt>
        <dd>отсутствовал, болел, уважительная причина, опоздал; «п» — присутствовал (убрать пропуск)</dd>
        <dt>Delete, Backspace</dt>
        <dd>удалить отметку (если отметки нет — пропуск); исправления сохраняются в истории</dd>
        <dt>Дата урока в заголовке</dt>
        <dd>открыть урок целиком: тема, домашнее задание, отметки и посещаемость всего класса</dd>
      </dl>
    </details>
  );
}
