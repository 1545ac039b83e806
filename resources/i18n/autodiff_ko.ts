<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>BackwardView</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="218"/>
        <source>No backward graph: %1</source>
        <translation>역전파 그래프를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="252"/>
        <source>Backward graph (derivative %1): %2 operations; the function had %3. Ctrl+Shift+B goes back.</source>
        <translation>역전파 그래프 (%1계 도함수): 연산 %2개, 원래 함수는 %3개. Ctrl+Shift+B로 돌아갑니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="340"/>
        <source>{ops} have kinks: there the derivative follows PyTorch ({conventions}); straight pieces have second derivative 0.</source>
        <translation>{ops}에는 꺾인 점이 있습니다: 그 점의 미분계수는 PyTorch를 따르고 ({conventions}), 직선 구간의 2계 미분계수는 0입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="351"/>
        <source>Function f</source>
        <translation>함수 f</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="354"/>
        <source>Backward graph: %1</source>
        <translation>역전파 그래프: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="356"/>
        <source>Differentiated again: %1</source>
        <translation>한 번 더 미분: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="366"/>
        <source>Nodes: %1 → %2 → %3</source>
        <translation>노드 수: %1 → %2 → %3</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="367"/>
        <source>Nodes: function %1 · backward graph %2 · second order %3</source>
        <translation>노드 수: 함수 %1 · 역전파 그래프 %2 · 2계 그래프 %3</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="371"/>
        <source>this graph %1</source>
        <translation>이 그래프 %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="397"/>
        <source>Show &amp;Backward Graph</source>
        <translation>역전파 그래프 보기(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="399"/>
        <source>Put the gradient itself on the canvas, as a graph of primitives: its value is the derivative by the first input</source>
        <translation>그래디언트 자체를 기본 연산의 그래프로 캔버스에 놓습니다. 그 값은 첫 번째 입력에 대한 미분계수입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="401"/>
        <source>&amp;Differentiate Again</source>
        <translation>한 번 더 미분(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="403"/>
        <source>Replace the backward graph by its own backward graph: second derivatives</source>
        <translation>역전파 그래프를 그 역전파 그래프로 바꿉니다: 2계 도함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="404"/>
        <source>Back to the &amp;Original Graph</source>
        <translation>원래 그래프로 돌아가기(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="406"/>
        <source>The function again, with its undo and redo history</source>
        <translation>함수를 실행 취소와 다시 실행 기록과 함께 다시 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="407"/>
        <source>Backward Graphs</source>
        <translation>역전파 그래프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="408"/>
        <source>The graphs of this trip: click the function to go back to it (Ctrl+Shift+B)</source>
        <translation>지금까지 연 그래프입니다. 함수 탭을 클릭하면 함수로 돌아갑니다 (Ctrl+Shift+B)</translation>
    </message>
</context>
<context>
    <name>BlockTools</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="148"/>
        <source>Make Block</source>
        <translation>블록 만들기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="149"/>
        <source>Name of the new block (letters, digits, _):</source>
        <translation>새 블록의 이름 (영문자, 숫자, _):</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="159"/>
        <source>No block made: %1</source>
        <translation>블록을 만들지 않았습니다: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="165"/>
        <source>Block %1 made: double-click it to open it</source>
        <translation>블록 %1을 만들었습니다. 더블클릭하면 안을 엽니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="172"/>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="207"/>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="317"/>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="345"/>
        <source>Select a block first</source>
        <translation>먼저 블록을 선택하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="215"/>
        <source>Inside block %1</source>
        <translation>블록 %1의 안</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="218"/>
        <source>Inside block %1: step it like any graph. Ctrl+Alt+B goes back (changes inside are not kept).</source>
        <translation>블록 %1의 안입니다. 다른 그래프처럼 한 단계씩 실행할 수 있습니다. Ctrl+Alt+B로 돌아갑니다 (안에서 바꾼 것은 남지 않습니다).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="282"/>
        <source>Block %1 as one step (%2 steps inside): its gradient reaches %3 at once</source>
        <translation>블록 %1을 한 단계로 실행했습니다 (안의 단계 %2개). 그래디언트가 %3에 한 번에 전달됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="286"/>
        <source>Block %1 as one step (%2 steps inside)</source>
        <translation>블록 %1을 한 단계로 실행했습니다 (안의 단계 %2개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="330"/>
        <source>My blocks could not be read: %1</source>
        <translation>내 블록을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="353"/>
        <source>Not kept in My blocks: %1</source>
        <translation>내 블록에 넣지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="358"/>
        <source>Block %1 is in My blocks</source>
        <translation>블록 %1을 내 블록에 넣었습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="364"/>
        <source>There is no block %1 in My blocks</source>
        <translation>내 블록에 %1 블록이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="385"/>
        <source>Open block</source>
        <translation>블록 열기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="386"/>
        <source>Expand block</source>
        <translation>블록 펼치기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="388"/>
        <source>Fused rules…</source>
        <translation>합친 미분 규칙…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="389"/>
        <source>Add to My blocks</source>
        <translation>내 블록에 넣기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="397"/>
        <source>Make &amp;Block…</source>
        <translation>블록 만들기(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="398"/>
        <source>Turn the selected blocks into one named block with their inputs and output</source>
        <translation>선택한 블록들을 입력과 출력을 가진 이름 있는 블록 하나로 묶습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="399"/>
        <source>E&amp;xpand Block</source>
        <translation>블록 펼치기(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="400"/>
        <source>Put the selected block's inside back in its place</source>
        <translation>선택한 블록의 안을 제자리에 다시 풀어 놓습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="401"/>
        <source>&amp;Open Block</source>
        <translation>블록 열기(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="402"/>
        <source>Show the inside of the selected block to step through it</source>
        <translation>선택한 블록의 안을 보여 주어 한 단계씩 따라가게 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="403"/>
        <source>Back from Block</source>
        <translation>블록에서 돌아가기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="404"/>
        <source>The graph again, as it was, with its undo history</source>
        <translation>그래프를 실행 취소 기록과 함께 원래대로 다시 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="405"/>
        <source>F&amp;used Rules…</source>
        <translation>합친 미분 규칙(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="406"/>
        <source>Write the block's own derivative and check it against its inside</source>
        <translation>블록의 미분을 직접 써 보고 블록 안의 그래프와 맞는지 확인합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="407"/>
        <source>Add to &amp;My Blocks</source>
        <translation>내 블록에 넣기(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="408"/>
        <source>Keep the selected block in the palette's My blocks, across restarts</source>
        <translation>선택한 블록을 블록 목록의 '내 블록'에 보관합니다 (다시 실행해도 남습니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="409"/>
        <source>Step Blocks as &amp;One</source>
        <translation>블록을 한 단계로 실행(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="410"/>
        <source>A block's steps are one step: its value at once, and in the backward pass the gradients of all its inputs at once (its fused VJP)</source>
        <translation>블록 안의 단계들을 한 단계로 실행합니다. 순전파에서는 블록의 값을 한 번에, 역전파에서는 모든 입력의 그래디언트를 한 번에 구합니다 (합친 VJP)</translation>
    </message>
</context>
<context>
    <name>BugAnswer</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="217"/>
        <source>hand-written</source>
        <translation>손으로 쓴 국소 미분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="217"/>
        <source>its value</source>
        <translation>그 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="217"/>
        <source>node</source>
        <translation>노드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="218"/>
        <source>central difference</source>
        <translation>수치 검사(중앙 차분)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="219"/>
        <source>Check each node</source>
        <translation>노드별로 검사</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="220"/>
        <source>Compare each hand-written local derivative with a central difference of that node</source>
        <translation>손으로 쓴 국소 미분을 그 노드의 중앙 차분과 하나씩 비교합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="222"/>
        <source>The wrong node:</source>
        <translation>틀린 노드:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="225"/>
        <source>With this table: {table}. The engine: {engine}.</source>
        <translation>이 표로 구하면: {table}. 엔진: {engine}.</translation>
    </message>
</context>
<context>
    <name>CanvasAnswer</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="140"/>
        <source>Build it on the canvas (blocks or the expression bar), then press Check my canvas. It is evaluated at {points}.</source>
        <translation>캔버스에 블록이나 수식 입력줄로 만든 뒤 '내 캔버스 검사'를 누르세요. {points}에서 계산해 봅니다.</translation>
    </message>
</context>
<context>
    <name>ClassroomTools</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="87"/>
        <source>My &amp;Progress</source>
        <translation>내 진도(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="88"/>
        <source>The lessons read and the exercises solved</source>
        <translation>읽은 수업과 푼 연습 문제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="89"/>
        <source>&amp;Hide Answers (for a Class)</source>
        <translation>답 숨기기(수업용)(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="90"/>
        <source>The exercises never show the right answer</source>
        <translation>연습 문제에서 정답을 보여 주지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="92"/>
        <source>Export &amp;Progress…</source>
        <translation>진도 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="93"/>
        <source>Save the lessons read and the exercises solved as a JSON file</source>
        <translation>읽은 수업과 푼 연습 문제를 JSON 파일로 저장합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="137"/>
        <source>Cannot write {file}: {reason}</source>
        <translation>{file} 파일을 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="141"/>
        <source>Progress exported to {file}</source>
        <translation>진도를 내보냈습니다: {file}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="146"/>
        <source>Export Progress</source>
        <translation>진도 내보내기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="148"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="188"/>
        <source>The file's classroom settings are ignored: {reason}</source>
        <translation>파일의 수업 설정을 무시합니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/classroom.py" line="232"/>
        <source>This lesson asks for predict mode, which this window does not have</source>
        <translation>이 수업은 예측 모드를 요청하지만 이 창에는 예측 모드가 없습니다</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="99"/>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="100"/>
        <source>Seed notebook style</source>
        <translation>노트북 스타일</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="101"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="102"/>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="134"/>
        <source>Cannot write code yet: {0}</source>
        <translation>아직 코드를 만들 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="146"/>
        <source>Copied to the clipboard</source>
        <translation>클립보드에 복사했습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="154"/>
        <source>Save Script</source>
        <translation>스크립트 저장</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="155"/>
        <source>Python files (*.py)</source>
        <translation>Python 파일 (*.py)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="162"/>
        <source>Cannot write {0}: {1}</source>
        <translation>{0}에 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/code_panel.py" line="164"/>
        <source>Saved {0}</source>
        <translation>{0} 저장함</translation>
    </message>
</context>
<context>
    <name>ComparisonPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="35"/>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="36"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="37"/>
        <source>Engine (reverse)</source>
        <translation>엔진 (리버스 모드)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="38"/>
        <source>Forward mode</source>
        <translation>포워드 모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="39"/>
        <source>Forward diff.</source>
        <translation>전진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="40"/>
        <source>Central diff.</source>
        <translation>중앙 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="41"/>
        <source>Complex step</source>
        <translation>복소 스텝</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="42"/>
        <source>PyTorch</source>
        <translation>PyTorch</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="43"/>
        <source>Max abs. error</source>
        <translation>최대 절대 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="44"/>
        <source>Max rel. error</source>
        <translation>최대 상대 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="45"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="47"/>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="48"/>
        <source>Op</source>
        <translation>연산</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="49"/>
        <source>Engine value</source>
        <translation>엔진 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="50"/>
        <source>PyTorch value</source>
        <translation>PyTorch 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="51"/>
        <source>Engine ∂f/∂node</source>
        <translation>엔진 ∂f/∂노드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="52"/>
        <source>PyTorch ∂f/∂node</source>
        <translation>PyTorch ∂f/∂노드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="53"/>
        <source>grad_fn</source>
        <translation>grad_fn</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="54"/>
        <source>Agree</source>
        <translation>일치</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="86"/>
        <source>FAIL</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="86"/>
        <source>kink</source>
        <translation>꺾인 점</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="86"/>
        <source>pass</source>
        <translation>통과</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="87"/>
        <source>n/a</source>
        <translation>해당 없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="122"/>
        <source>Largest |engine − reference| over forward mode, the central difference, the complex step and PyTorch</source>
        <translation>포워드 모드, 중앙 차분, 복소 스텝, PyTorch와 비교한 |엔진 − 기준값|의 최댓값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="124"/>
        <source>The same, relative to the larger of the two</source>
        <translation>위와 같은 차이를 둘 중 큰 값에 대한 비율로 나타낸 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="127"/>
        <source>By input</source>
        <translation>입력별</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="128"/>
        <source>Node by node (PyTorch grad_fn)</source>
        <translation>노드별 (PyTorch grad_fn)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="163"/>
        <source>loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/compare_tables.py" line="168"/>
        <source>not run</source>
        <translation>실행 안 함</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="68"/>
        <source>Press Check gradients to compare.</source>
        <translation>비교하려면 '미분계수 검사'를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="119"/>
        <source>Tolerances (as torch.autograd.gradcheck): a gradient passes when |engine − reference| ≤ atol + rtol·|reference|, atol = {atol:g}, rtol = {rtol:g}; the finite-difference check uses a central difference with h = {eps:g}.</source>
        <translation>허용 오차 (torch.autograd.gradcheck와 같음): |엔진 − 기준값| ≤ atol + rtol·|기준값|이면 미분계수가 통과합니다. atol = {atol:g}, rtol = {rtol:g}이고, 수치미분 검사는 h = {eps:g}인 중앙 차분을 씁니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="123"/>
        <source>Check gradients</source>
        <translation>미분계수 검사</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="124"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="145"/>
        <source>Nothing to check: {0}</source>
        <translation>검사할 것이 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="152"/>
        <source>Checking…</source>
        <translation>검사하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="171"/>
        <source>Cancelled.</source>
        <translation>취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="203"/>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="205"/>
        <source>Loading PyTorch…</source>
        <translation>PyTorch를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="206"/>
        <source>Comparing with PyTorch…</source>
        <translation>PyTorch와 비교하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="207"/>
        <source>finite differences</source>
        <translation>수치미분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="208"/>
        <source>forward mode</source>
        <translation>포워드 모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="223"/>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="301"/>
        <source>Finite differences done; loading PyTorch…</source>
        <translation>수치미분 완료. PyTorch를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="224"/>
        <source>Finite differences done; comparing with PyTorch…</source>
        <translation>수치미분 완료. PyTorch와 비교하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="240"/>
        <source>The check stopped: {0}</source>
        <translation>검사가 멈췄습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="247"/>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="260"/>
        <source>The graph or a value changed: check again.</source>
        <translation>그래프나 값이 바뀌었습니다. 다시 검사하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="280"/>
        <source>checking…</source>
        <translation>검사하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="282"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="303"/>
        <source>PyTorch {0} agrees node by node: {1} of {2}.</source>
        <translation>PyTorch {0}와 노드별로 일치: {2}개 중 {1}개.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/comparison.py" line="307"/>
        <source>PyTorch: {0}</source>
        <translation>PyTorch: {0}</translation>
    </message>
</context>
<context>
    <name>ExamplesMenu</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="161"/>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="176"/>
        <source>No examples found</source>
        <translation>예제를 찾을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="185"/>
        <source>Build f = {expression}</source>
        <translation>f = {expression} 만들기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="197"/>
        <source>Example: {title}</source>
        <translation>예제: {title}</translation>
    </message>
</context>
<context>
    <name>ExerciseView</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="138"/>
        <source>Check my canvas</source>
        <translation>내 캔버스 검사</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="139"/>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="140"/>
        <source>Open this function on the canvas</source>
        <translation>이 함수를 캔버스에 열기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="141"/>
        <source>Start from the function on the canvas</source>
        <translation>함수를 캔버스에 놓고 시작하기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="143"/>
        <source>Show this graph on the canvas</source>
        <translation>이 그래프를 캔버스에 보이기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="145"/>
        <source>Show the answer</source>
        <translation>답 보기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="161"/>
        <source>Hint ({n} of {total})</source>
        <translation>힌트 ({total}개 중 {n})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="163"/>
        <source>No more hints</source>
        <translation>힌트가 더 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="184"/>
        <source>The answer: {answer}</source>
        <translation>답: {answer}</translation>
    </message>
</context>
<context>
    <name>Exercises</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="34"/>
        <source>✓ Right.</source>
        <translation>✓ 맞았습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="37"/>
        <source>✗ Not quite. {why}</source>
        <translation>✗ 아쉽습니다. {why}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="41"/>
        <source>✗ At {point} your graph gives {answer}, which is not the derivative there.</source>
        <translation>✗ {point}에서 그래프의 값은 {answer}인데, 그 점의 미분계수가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="43"/>
        <source>✗ At {point} your graph gives {answer}; the derivative there is {expected}.</source>
        <translation>✗ {point}에서 그래프의 값은 {answer}인데, 그 점의 미분계수는 {expected}입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="46"/>
        <source>✗ {answer} is not right, and not one of the usual mistakes. A hint may help.</source>
        <translation>✗ {answer}: 맞지 않고, 흔한 실수에도 해당하지 않습니다. 힌트를 보면 도움이 될 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="49"/>
        <source>Type a number first (an expression such as 2*log(2) works too).</source>
        <translation>먼저 숫자를 입력하세요(2*log(2) 같은 식도 됩니다).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="50"/>
        <source>That is not a number the app can read: {reason}</source>
        <translation>앱이 읽을 수 있는 숫자가 아닙니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="51"/>
        <source>Only numbers here: {names} cannot be used in an answer.</source>
        <translation>여기에는 숫자만 씁니다: 답에 이름({names})은 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="52"/>
        <source>Pick one of the answers first.</source>
        <translation>먼저 답을 하나 고르세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="53"/>
        <source>The canvas is empty: build the derivative there first.</source>
        <translation>캔버스가 비어 있습니다: 먼저 거기에 도함수를 만드세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="54"/>
        <source>Your graph has the input {names}; use only {allowed}.</source>
        <translation>그래프의 입력: {names}. 입력은 {allowed}만 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="55"/>
        <source>Your graph's output is an array; it should be one number.</source>
        <translation>그래프의 출력이 배열입니다. 숫자 하나여야 합니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="56"/>
        <source>Your graph cannot be evaluated at the check points: {reason}</source>
        <translation>검사할 점에서 그래프를 계산할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="57"/>
        <source>✗ Node {node} is fine: its local derivatives agree with the numerical check ({checks}).</source>
        <translation>✗ 노드 {node}: 국소 미분이 수치 검사와 일치하므로 맞습니다({checks}).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="59"/>
        <source>Choose one of the nodes: {names}.</source>
        <translation>노드 하나를 고르세요: {names}.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="75"/>
        <source>Build on the canvas</source>
        <translation>캔버스에 만들기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="75"/>
        <source>Compute</source>
        <translation>계산하기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="76"/>
        <source>Choose</source>
        <translation>고르기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_text.py" line="76"/>
        <source>Find the bug</source>
        <translation>버그 찾기</translation>
    </message>
</context>
<context>
    <name>ExercisesBox</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="284"/>
        <source>The previous exercise</source>
        <translation>이전 연습 문제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="286"/>
        <source>The next exercise</source>
        <translation>다음 연습 문제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises.py" line="335"/>
        <source>Exercise {k} of {n} · {kind}</source>
        <translation>연습 문제 {n}개 중 {k} · {kind}</translation>
    </message>
</context>
<context>
    <name>ExpressionBar</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="195"/>
        <source>Type a function, e.g. (x**2 + 2*x) * log(y), and press Enter</source>
        <translation>함수를 입력하고 Enter를 누르세요. 예: (x**2 + 2*x) * log(y)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="197"/>
        <source>Operators: + - * / ** @ and parentheses; functions: exp log sqrt sin cos tan abs tanh sigmoid relu sum mean matmul.
Enter builds the graph (undo with Ctrl+Z); Escape restores the text of the current graph.
Named steps, one per line or separated by ';': a = x**2; b = 2*x; z = a*b (Shift+Enter starts a new line; on several lines Enter does too and Ctrl+Enter builds).</source>
        <translation>연산자: + - * / ** @ 와 괄호, 함수: exp log sqrt sin cos tan abs tanh sigmoid relu sum mean matmul.
Enter를 누르면 계산 그래프를 만듭니다 (Ctrl+Z로 되돌리기). Esc를 누르면 현재 그래프의 식으로 돌아갑니다.
이름 붙인 단계는 한 줄에 하나씩 쓰거나 ';'로 나눕니다: a = x**2; b = 2*x; z = a*b (Shift+Enter로 새 줄을 시작합니다. 여러 줄일 때는 Enter도 새 줄이고 Ctrl+Enter로 그래프를 만듭니다).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="202"/>
        <source>Build graph</source>
        <translation>그래프 만들기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="203"/>
        <source>Build the graph of this function (Enter; Ctrl+Enter in a program of several lines)</source>
        <translation>이 함수의 계산 그래프를 만듭니다 (Enter, 여러 줄 프로그램에서는 Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="216"/>
        <source>f =</source>
        <translation>f =</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="216"/>
        <source>f:</source>
        <translation>f:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/expression_bar.py" line="284"/>
        <source>line {n}: </source>
        <translation>{n}번째 줄: </translation>
    </message>
</context>
<context>
    <name>GradientStep</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="257"/>
        <source>&amp;Gradient Step</source>
        <translation>경사 하강 한 걸음(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="258"/>
        <source>Move the chosen inputs against their gradient: x ← x − η·∂f/∂x</source>
        <translation>고른 입력을 미분계수의 반대 방향으로 옮깁니다: x ← x − η·∂f/∂x</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="262"/>
        <source>Gradient Descent</source>
        <translation>경사 하강법</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="389"/>
        <source>Tick at least one input to update.</source>
        <translation>갱신할 입력을 하나 이상 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="394"/>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="414"/>
        <source>No gradient step: {0}</source>
        <translation>경사 하강을 할 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="399"/>
        <source>A gradient step needs a single number as output (a loss); this output has shape {0}.</source>
        <translation>경사 하강에는 출력(손실)이 숫자 하나여야 합니다. 이 출력의 크기는 {0}입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="418"/>
        <source>The output does not depend on the ticked inputs.</source>
        <translation>출력이 선택한 입력에 의존하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="425"/>
        <source>Step {n}: f = {before} → {after}</source>
        <translation>{n}번째 갱신: f = {before} → {after}</translation>
    </message>
</context>
<context>
    <name>GradientStepPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="157"/>
        <source>How far each step moves: x ← x − η·∂f/∂x</source>
        <translation>한 걸음에 움직이는 정도: x ← x − η·∂f/∂x</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="158"/>
        <source>Clear Plot</source>
        <translation>플롯 지우기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="159"/>
        <source>Forget the recorded losses (the values stay)</source>
        <translation>기록한 손실을 지웁니다 (값은 그대로)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="160"/>
        <source>Update</source>
        <translation>갱신</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="161"/>
        <source>Learning rate η</source>
        <translation>학습률 η</translation>
    </message>
</context>
<context>
    <name>InputsModel</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="91"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="91"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="116"/>
        <source>Double-click to rename this input</source>
        <translation>두 번 클릭하면 이 입력의 이름을 바꿉니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="117"/>
        <source>{value}
Double-click to change: a number, or an array such as [[1, 2], [3, 4]]</source>
        <translation>{value}
두 번 클릭해서 바꾸세요: 숫자 또는 [[1, 2], [3, 4]] 같은 배열</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="191"/>
        <source>{name}: {reason} (kept {old})</source>
        <translation>{name}: {reason} ({old} 유지)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="201"/>
        <source>Cannot rename {old}: {reason}</source>
        <translation>{old}의 이름을 바꿀 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/value_text.py" line="32"/>
        <source>enter a number or an array such as [1, 2]</source>
        <translation>숫자나 [1, 2] 같은 배열을 입력하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/value_text.py" line="38"/>
        <source>{text} is not a number or an array such as [[1, 2], [3, 4]]</source>
        <translation>{text}은(는) 숫자도, [[1, 2], [3, 4]] 같은 배열도 아닙니다</translation>
    </message>
</context>
<context>
    <name>InputsPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/inputs_panel.py" line="260"/>
        <source>Double-click a value to change it.</source>
        <translation>값을 두 번 클릭하면 바꿀 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../autodiff_gui/ui/app/language.py" line="63"/>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/language.py" line="66"/>
        <source>Switch the interface language now (no restart)</source>
        <translation>화면의 언어를 바로 바꿉니다 (다시 시작할 필요 없음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/language.py" line="114"/>
        <source>Language: {name}</source>
        <translation>언어: {name}</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="528"/>
        <source>Lessons</source>
        <translation>수업</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="529"/>
        <source>&amp;Lessons</source>
        <translation>수업(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="530"/>
        <source>Learn automatic differentiation step by step, with the notebook's examples</source>
        <translation>노트북의 예제로 자동미분을 한 단계씩 배웁니다</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="98"/>
        <source>Run in PyTorch again</source>
        <translation>PyTorch로 다시 실행</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="99"/>
        <source>Run the demonstration</source>
        <translation>시연 실행</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="176"/>
        <source>Running the notebook's cell in PyTorch…</source>
        <translation>노트북의 셀을 PyTorch로 실행하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="194"/>
        <source>PyTorch printed:</source>
        <translation>PyTorch 출력:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="196"/>
        <source>The demonstration stopped (exit code {0}).</source>
        <translation>시연이 멈췄습니다 (종료 코드 {0}).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="204"/>
        <source>Python could not be started for the demonstration.</source>
        <translation>시연을 위한 Python을 시작할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="244"/>
        <source>Running the notebook's autograd cells in PyTorch…</source>
        <translation>노트북의 autograd 셀을 PyTorch로 실행하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="266"/>
        <source>PyTorch's gradient: {0}</source>
        <translation>PyTorch의 미분계수: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/demonstrations.py" line="277"/>
        <source>PyTorch could not run: {0}</source>
        <translation>PyTorch를 실행할 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="262"/>
        <source>◀ Back</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="263"/>
        <source>The previous page</source>
        <translation>이전 쪽</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="264"/>
        <source>This page's example is not loaded: the canvas shows your own graph.</source>
        <translation>이 페이지의 예제는 불러오지 않았습니다. 캔버스에는 사용자의 그래프가 그대로 있습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="266"/>
        <source>Load the example</source>
        <translation>예제 불러오기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="267"/>
        <source>The next page</source>
        <translation>다음 쪽</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="300"/>
        <source>The lessons cannot be shown</source>
        <translation>수업을 표시할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="388"/>
        <source>Check your understanding</source>
        <translation>이해했는지 확인하기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="457"/>
        <source>Next lesson ▶</source>
        <translation>다음 수업 ▶</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="458"/>
        <source>Exercises ▶</source>
        <translation>연습 문제 ▶</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="459"/>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/lessons.py" line="460"/>
        <source>page {x} of {n}</source>
        <translation>{n}쪽 중 {x}쪽</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="267"/>
        <source>✓ Step {n} reached. Go on to the next page.</source>
        <translation>✓ {n}단계에 도착했습니다. 다음 쪽으로 넘어가세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="271"/>
        <source>Press {control} until step {n} (now at step {now}).</source>
        <translation>{n}단계가 될 때까지 {control} 단추를 누르세요 (지금 {now}단계).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="274"/>
        <source>✓ Done.</source>
        <translation>✓ 완료.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="277"/>
        <source>Press {control}.</source>
        <translation>{control} 단추를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="281"/>
        <source>(in the {menu} menu)</source>
        <translation>({menu} 메뉴에 있음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/pointer.py" line="283"/>
        <source>It is framed in orange.</source>
        <translation>주황색 테두리로 표시되어 있습니다.</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/loss_plot.py" line="111"/>
        <source>Press Gradient Step: the loss of every step is drawn here.</source>
        <translation>경사 하강 한 걸음을 실행할 때마다 갱신된 손실이 여기에 그려집니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/loss_plot.py" line="162"/>
        <source>step</source>
        <translation>갱신 횟수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/loss_plot.py" line="164"/>
        <source>loss f</source>
        <translation>손실 f</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="154"/>
        <source>&lt;h3&gt;Autodiff Studio {version}&lt;/h3&gt;&lt;p&gt;Build a function from blocks or type it, then watch automatic differentiation happen node by node: the forward pass, the backward pass and the chain rule, checked against finite differences and PyTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Autodiff Studio {version}&lt;/h3&gt;&lt;p&gt;함수를 블록으로 조립하거나 직접 입력한 다음, 자동미분이 노드 하나하나에서 일어나는 과정을 지켜보세요. 순전파, 역전파, 연쇄 법칙을 보여 주고, 그 결과를 수치미분 및 PyTorch와 비교합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="154"/>
        <source>About Autodiff Studio</source>
        <translation>Autodiff Studio 정보</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="217"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="218"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="219"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="220"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="221"/>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="222"/>
        <source>Main Toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="223"/>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="223"/>
        <source>Start an empty graph</source>
        <translation>빈 그래프로 시작합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="224"/>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="224"/>
        <source>Open a saved graph</source>
        <translation>저장한 그래프를 엽니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="225"/>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="225"/>
        <source>Save the graph</source>
        <translation>그래프를 저장합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="226"/>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="226"/>
        <source>Save the graph under a new name</source>
        <translation>그래프를 새 이름으로 저장합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="227"/>
        <source>&amp;Export Image…</source>
        <translation>이미지 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="228"/>
        <source>Save a picture of the graph (PNG or SVG)</source>
        <translation>그래프 그림을 저장합니다 (PNG 또는 SVG)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="229"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="229"/>
        <source>Close Autodiff Studio</source>
        <translation>Autodiff Studio를 닫습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="230"/>
        <source>&amp;Clear List</source>
        <translation>목록 지우기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="232"/>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="232"/>
        <source>Copy the selected blocks</source>
        <translation>선택한 블록을 복사합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="233"/>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="233"/>
        <source>Paste blocks</source>
        <translation>블록을 붙여넣습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="234"/>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="234"/>
        <source>Duplicate the selected blocks</source>
        <translation>선택한 블록을 복제합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="235"/>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="235"/>
        <source>Delete the selected blocks and wires</source>
        <translation>선택한 블록과 연결선을 삭제합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="236"/>
        <source>Auto &amp;Layout</source>
        <translation>자동 배치(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="237"/>
        <source>Arrange the blocks in layers, inputs on the left</source>
        <translation>블록을 층별로 정렬합니다 (입력은 왼쪽)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="238"/>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="239"/>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="240"/>
        <source>&amp;Fit to Window</source>
        <translation>창에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="240"/>
        <source>Show the whole graph (F)</source>
        <translation>그래프 전체를 보여 줍니다 (F)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="241"/>
        <source>&amp;History</source>
        <translation>작업 내역(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="241"/>
        <source>Show every step you can undo</source>
        <translation>되돌릴 수 있는 모든 작업을 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="242"/>
        <source>&amp;About Autodiff Studio</source>
        <translation>Autodiff Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="243"/>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="249"/>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/actions.py" line="250"/>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="80"/>
        <source>Type a function first, e.g. x**2 + 2*x</source>
        <translation>먼저 함수를 입력하세요. 예: x**2 + 2*x</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="168"/>
        <source>1 node</source>
        <translation>노드 1개</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="168"/>
        <source>{n} nodes</source>
        <translation>노드 {n}개</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="170"/>
        <source>Empty graph: drag blocks from the palette or type a function</source>
        <translation>빈 그래프: 블록 목록에서 블록을 끌어 오거나 함수를 입력하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="174"/>
        <source>Incomplete: {reason} · {nodes}</source>
        <translation>미완성: {reason} · {nodes}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="177"/>
        <source>Error: {error} · {nodes}</source>
        <translation>오류: {error} · {nodes}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="179"/>
        <source>f = {value} · {nodes}</source>
        <translation>f = {value} · {nodes}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="78"/>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="79"/>
        <source>The graph has changes that are not saved.</source>
        <translation>그래프에 저장하지 않은 변경 사항이 있습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="82"/>
        <source>Do you want to save them?</source>
        <translation>저장하시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="142"/>
        <source>New empty graph</source>
        <translation>새 빈 그래프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="149"/>
        <source>Open Graph</source>
        <translation>그래프 열기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="158"/>
        <source>Cannot open file</source>
        <translation>파일을 열 수 없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="172"/>
        <location filename="../../autodiff_gui/ui/window/files.py" line="175"/>
        <source>Cannot open {file}: {reason}</source>
        <translation>{file}을(를) 열 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="179"/>
        <source>Opened {file}</source>
        <translation>{file}을(를) 열었습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="194"/>
        <location filename="../../autodiff_gui/ui/window/files.py" line="208"/>
        <source>Cannot save</source>
        <translation>저장할 수 없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="199"/>
        <source>untitled</source>
        <translation>제목없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="200"/>
        <source>Save Graph</source>
        <translation>그래프 저장</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="219"/>
        <source>Cannot write {file}: {reason}</source>
        <translation>{file}에 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="225"/>
        <source>Saved {file}</source>
        <translation>{file}을(를) 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="230"/>
        <source>Autodiff Studio graph (*.adgraph.json *.json)</source>
        <translation>Autodiff Studio 그래프 (*.adgraph.json *.json)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="231"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="268"/>
        <source>graph</source>
        <translation>그래프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="269"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="269"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="271"/>
        <source>Export Image</source>
        <translation>이미지 내보내기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="279"/>
        <source>Cannot export</source>
        <translation>내보낼 수 없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="290"/>
        <source>Nothing to export: the graph is empty</source>
        <translation>내보낼 것이 없습니다: 그래프가 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="304"/>
        <source>Cannot write {file}</source>
        <translation>{file}에 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="306"/>
        <source>Exported {file}</source>
        <translation>{file}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/files.py" line="336"/>
        <source>Autodiff Studio graph</source>
        <translation>Autodiff Studio 그래프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="206"/>
        <source>Blocks</source>
        <translation>블록</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="207"/>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="208"/>
        <source>History</source>
        <translation>작업 내역</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="210"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="289"/>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/main_window.py" line="290"/>
        <source>{name}[*] — Autodiff Studio</source>
        <translation>{name}[*] — Autodiff Studio</translation>
    </message>
</context>
<context>
    <name>MethodTable</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="218"/>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="252"/>
        <source>Step h:</source>
        <translation>간격 h:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="246"/>
        <source>backward</source>
        <translation>후진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="246"/>
        <source>forward</source>
        <translation>전진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="247"/>
        <source>Richardson</source>
        <translation>리처드슨</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="247"/>
        <source>central</source>
        <translation>중앙 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="248"/>
        <source>complex step</source>
        <translation>복소 스텝</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="254"/>
        <source>Error (h)</source>
        <translation>오차 (h)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="254"/>
        <source>Estimate</source>
        <translation>추정값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="254"/>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="255"/>
        <source>Error (10·h)</source>
        <translation>오차 (10·h)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="255"/>
        <source>Ratio</source>
        <translation>비율</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="292"/>
        <source>This graph has no scalar input with a scalar output.</source>
        <translation>이 그래프에는 스칼라 입력과 스칼라 출력이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="295"/>
        <source>f along {name} at {name} = {x}; exact derivative (the engine) {exact}. Ratio = error at 10·h ÷ error at h: about 10 means error ∝ h, 100 means ∝ h², 10⁴ means ∝ h⁴.</source>
        <translation>{name} = {x}에서 {name}에 대한 f의 미분계수. 정확한 값(엔진) {exact}. 비율 = 10·h에서의 오차 ÷ h에서의 오차: 약 10이면 오차 ∝ h, 100이면 ∝ h², 10⁴이면 ∝ h⁴입니다.</translation>
    </message>
</context>
<context>
    <name>Narration</name>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="43"/>
        <source>{name} = {value}  (input)</source>
        <translation>{name} = {value}  (입력)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="44"/>
        <source>constant {value}</source>
        <translation>상수 {value}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="45"/>
        <source>{line}, so</source>
        <translation>{line}이므로</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="46"/>
        <source>∂f/∂{out} = 1  (f is {out} itself: the backward pass starts here)</source>
        <translation>∂f/∂{out} = 1  (f가 바로 {out}: 역전파가 여기서 시작합니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="47"/>
        <source>upstream gradient {v} = ∂L/∂{out} = {dout}  (grad_tensors; L = {ldef})</source>
        <translation>상류층 미분계수 {v} = ∂L/∂{out} = {dout}  (grad_tensors; L = {ldef})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="48"/>
        <source>∂{F}/∂{src} = {expr} = {amount}</source>
        <translation>∂{F}/∂{src} = {expr} = {amount}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="49"/>
        <source>contribution to {src} through {out} ({slot}): {expr} = {amount}</source>
        <translation>{src}에 가는 기여분 ({out}에서, {slot}): {expr} = {amount}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="50"/>
        <source>contribution to {src} through {out}: {expr} = {amount}</source>
        <translation>{src}에 가는 기여분 ({out}에서): {expr} = {amount}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="51"/>
        <source>{out} sits on the kink of {op} ({place}): the derivative does not exist there; like PyTorch, {convention}</source>
        <translation>{out}이(가) {op}의 꺾인 점({place})에 있습니다: 그 점에서는 미분계수가 존재하지 않으며, PyTorch처럼 {convention}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="53"/>
        <source>the argument of {op} is 0, its kink: the derivative does not exist there; like PyTorch, {convention}</source>
        <translation>{op}의 인수가 꺾인 점인 0입니다: 그 점에서는 미분계수가 존재하지 않으며, PyTorch처럼 {convention}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="55"/>
        <source>first argument</source>
        <translation>첫째 인수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="56"/>
        <source>second argument</source>
        <translation>둘째 인수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="57"/>
        <source>∂{F}/∂{src} so far: {amount}  (1 of {n} contributions)</source>
        <translation>지금까지의 ∂{F}/∂{src}: {amount}  (기여분 {n}개 중 1개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="58"/>
        <source>∂{F}/∂{src} so far: {before} + {amount} = {after}  ({k} of {n} contributions)</source>
        <translation>지금까지의 ∂{F}/∂{src}: {before} + {amount} = {after}  (기여분 {n}개 중 {k}개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="59"/>
        <source>∂{F}/∂{src} accumulated: {before} + {amount} = {after}  (all {n} contributions)</source>
        <translation>누적된 ∂{F}/∂{src}: {before} + {amount} = {after}  (기여분 {n}개 모두)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="61"/>
        <source>∂{F}/∂{src} accumulated: {before} + {amount} = {after}</source>
        <translation>누적된 ∂{F}/∂{src}: {before} + {amount} = {after}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="62"/>
        <source>(Σ{axes}: summed over axis {axis_list}, back to the shape of {src}, {shape})</source>
        <translation>(Σ{axes}: 축 {axis_list}을 따라 합해 {src}의 크기 {shape}로 되돌림)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="64"/>
        <source>(Σ: summed over every element, back to one number like {src})</source>
        <translation>(Σ: 모든 원소를 합해 {src}처럼 숫자 하나로 되돌림)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="65"/>
        <source>{name}: tangent {sym} = {tangent}</source>
        <translation>{name}: 접선 미분값 {sym} = {tangent}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="66"/>
        <source>constant {value}: tangent 0</source>
        <translation>상수 {value}: 접선 미분값 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="67"/>
        <source>{sym} = {terms} = {tangent}</source>
        <translation>{sym} = {terms} = {tangent}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="68"/>
        <source>{sym} = 0  (does not depend on {wrt})</source>
        <translation>{sym} = 0  ({wrt}에 의존하지 않음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="69"/>
        <source>(this pass carries element {element} of {wrt}: its tangent is 1 there and 0 elsewhere; one pass per element gives every ∂f/∂{wrt}ᵢ)</source>
        <translation>(이 전파는 {wrt}의 원소 {element} 하나만 전달합니다: 그 원소의 접선 미분값은 1, 나머지는 0; 원소마다 전파를 한 번씩 해야 모든 ∂f/∂{wrt}ᵢ를 얻습니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/narration.py" line="71"/>
        <source>(the tangent of {wrt} is all ones: each tangent is a sum over the elements of {wrt}, Σᵢ ∂·/∂{wrt}ᵢ, a directional derivative; ∂f/∂{wrt}ᵢ of each element needs a pass of its own, or reverse mode)</source>
        <translation>({wrt}의 접선 미분값이 모두 1: 각 접선 미분값은 {wrt}의 원소에 대한 합 Σᵢ ∂·/∂{wrt}ᵢ, 곧 방향 미분입니다; 원소마다의 ∂f/∂{wrt}ᵢ는 원소별 전파나 리버스 모드가 필요합니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="228"/>
        <source>sqrt'(0) = inf</source>
        <translation>sqrt'(0) = inf</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="188"/>
        <source>asin′(±1) = inf</source>
        <translation>asin′(±1) = inf</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="196"/>
        <source>acos′(±1) = −inf</source>
        <translation>acos′(±1) = −inf</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="243"/>
        <source>softplus(α) = α for α &gt; 20</source>
        <translation>α &gt; 20이면 softplus(α) = α</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="252"/>
        <source>leaky_relu′(0) = 0.01</source>
        <translation>leaky_relu′(0) = 0.01</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="268"/>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="280"/>
        <source>½ to each argument at α = β</source>
        <translation>α = β이면 두 인자에 ½씩</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="290"/>
        <source>clamp′ = 1 at lo and at hi</source>
        <translation>lo와 hi에서 clamp′ = 1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="292"/>
        <source>α = lo, α = hi</source>
        <translation>α = lo, α = hi</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="211"/>
        <source>{g}·2({0} − {1})/n  (n: the number of elements; shape {shape0})</source>
        <translation>{g}·2({0} − {1})/n  (n: 원소 개수; 크기 {shape0})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="212"/>
        <source>−{g}·2({0} − {1})/n  (n: the number of elements; shape {shape1})</source>
        <translation>−{g}·2({0} − {1})/n  (n: 원소 개수; 크기 {shape1})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="227"/>
        <source>{g}·(softmax({0}) − p)/N  (p: {1} as probabilities, one-hot rows for class indices; N rows; shape {shape0})</source>
        <translation>{g}·(softmax({0}) − p)/N  (p: 확률로 본 {1}, 클래스 인덱스이면 원-핫 행; N: 행 수; 크기 {shape0})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="229"/>
        <source>−{g}·log softmax({0})/N  (N rows; shape {shape1})</source>
        <translation>−{g}·log softmax({0})/N  (N: 행 수; 크기 {shape1})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="353"/>
        <source>{g} to the largest element of {0} (shared equally at a tie), 0 elsewhere</source>
        <translation>{g}를 {0}의 가장 큰 원소에(같은 값이 여럿이면 똑같이 나누어), 나머지는 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="356"/>
        <source>a tie of the largest elements shares the gradient equally</source>
        <translation>가장 큰 원소가 여럿이면 그래디언트를 똑같이 나눕니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="357"/>
        <source>two largest elements equal</source>
        <translation>가장 큰 두 원소가 같음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="368"/>
        <source>{g} to the smallest element of {0} (shared equally at a tie), 0 elsewhere</source>
        <translation>{g}를 {0}의 가장 작은 원소에(같은 값이 여럿이면 똑같이 나누어), 나머지는 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="371"/>
        <source>a tie of the smallest elements shares the gradient equally</source>
        <translation>가장 작은 원소가 여럿이면 그래디언트를 똑같이 나눕니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="372"/>
        <source>two smallest elements equal</source>
        <translation>가장 작은 두 원소가 같음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="382"/>
        <source>{g}·softmax({0})</source>
        <translation>{g}·softmax({0})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="395"/>
        <source>softmax({0})·({g} − Σ {g}·softmax({0}))</source>
        <translation>softmax({0})·({g} − Σ {g}·softmax({0}))</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="406"/>
        <source>{g} − softmax({0})·Σ {g}</source>
        <translation>{g} − softmax({0})·Σ {g}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="414"/>
        <source>norm′(0) = 0</source>
        <translation>norm′(0) = 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="415"/>
        <source>every element 0</source>
        <translation>모든 원소가 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="305"/>
        <source>{g} reshaped back to the shape of {0}, {shape0}</source>
        <translation>{g}를 {0}의 크기 {shape0}로 되돌린 것</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="317"/>
        <source>{g} scattered back into zeros of shape {shape0}, at the indexed places</source>
        <translation>크기 {shape0}의 0 배열에서 인덱스가 가리키는 자리에 {g}를 흩어 놓은 것</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="332"/>
        <source>the slices of {g} that came from {0}, shape {shape0}</source>
        <translation>{g} 중 {0}에서 온 조각들, 크기 {shape0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="333"/>
        <source>the last slice of {g}, shape {shape1}</source>
        <translation>{g}의 마지막 조각, 크기 {shape1}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="346"/>
        <source>the first part of {g} along the joined axis, shape {shape0}</source>
        <translation>이어 붙인 축을 따라 {g}의 앞부분, 크기 {shape0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="347"/>
        <source>the rest of {g} along the joined axis, shape {shape1}</source>
        <translation>이어 붙인 축을 따라 {g}의 나머지, 크기 {shape1}</translation>
    </message>
</context>
<context>
    <name>NarrationView</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="76"/>
        <source>Forward pass</source>
        <translation>순전파</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="78"/>
        <source>Backward pass</source>
        <translation>역전파</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="80"/>
        <source>Forward mode (tangent of {0})</source>
        <translation>포워드 모드 ({0}의 접선 미분값)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="124"/>
        <source>Stopped at {label}</source>
        <translation>{label}에서 멈춤</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="129"/>
        <source>{pass_name} · step {n} of {total}</source>
        <translation>{pass_name} · {total}단계 중 {n}단계</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="139"/>
        <source>Local derivative: </source>
        <translation>국소 미분계수: </translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="150"/>
        <source>Earlier steps</source>
        <translation>앞의 단계</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="167"/>
        <source>Done: f = {value}</source>
        <translation>완료: f = {value}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="185"/>
        <source>(includes the gradients accumulated in earlier runs)</source>
        <translation>(앞선 실행에서 누적된 미분계수 포함)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="191"/>
        <source>One forward-mode pass gives the derivative for one input; reverse mode gives every input's in one backward pass.</source>
        <translation>포워드 모드는 한 번 전파할 때 입력 하나의 미분계수만 얻지만, 리버스 모드는 역전파 한 번으로 모든 입력의 편미분계수를 얻습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="199"/>
        <source>Nothing to step yet: {reason}</source>
        <translation>아직 진행할 단계가 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="201"/>
        <source>Forward mode carries the tangent of one input along with the values. Press → (Next step) to begin.</source>
        <translation>포워드 모드는 값과 함께 입력 하나에 대한 접선 미분값을 앞으로 전달합니다. → 키(다음 단계)로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/narration.py" line="203"/>
        <source>Reverse mode: the forward pass computes every value, then the backward pass sends the gradient from the output back to the inputs with the chain rule. Press → (Next step) to begin.</source>
        <translation>리버스 모드: 순전파로 모든 값을 계산한 다음, 역전파로 연쇄 법칙을 따라 출력의 그래디언트를 입력까지 거꾸로 보냅니다. → 키(다음 단계)로 시작합니다.</translation>
    </message>
</context>
<context>
    <name>NumberAnswer</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/exercises_answers.py" line="90"/>
        <source>Your answer: a number or an expression such as 2*log(2)</source>
        <translation>답: 숫자 또는 2*log(2) 같은 식</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="47"/>
        <source>base</source>
        <translation>밑</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="48"/>
        <source>exponent</source>
        <translation>지수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="49"/>
        <source>numerator</source>
        <translation>분자</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="50"/>
        <source>denominator</source>
        <translation>분모</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="51"/>
        <source>logits</source>
        <translation>로짓</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="52"/>
        <source>target</source>
        <translation>목표값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="54"/>
        <source>axis</source>
        <translation>축</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="55"/>
        <source>shape</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="56"/>
        <source>index</source>
        <translation>인덱스</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="57"/>
        <source>slope</source>
        <translation>기울기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="58"/>
        <source>lo</source>
        <translation>하한 lo</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="59"/>
        <source>hi</source>
        <translation>상한 hi</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="63"/>
        <source>Inputs and constants</source>
        <translation>입력과 상수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="64"/>
        <source>Arithmetic</source>
        <translation>사칙연산</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="65"/>
        <source>Powers and logs</source>
        <translation>거듭제곱과 로그</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="66"/>
        <source>Trig and hyperbolic</source>
        <translation>삼각·쌍곡선 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="67"/>
        <source>Activations</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="68"/>
        <source>Piecewise: max, min</source>
        <translation>구간별 함수: max, min</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="69"/>
        <source>Reductions</source>
        <translation>축약</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="70"/>
        <source>Shapes and indexing</source>
        <translation>크기와 인덱싱</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="71"/>
        <source>Losses</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="72"/>
        <source>My blocks</source>
        <translation>내 블록</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="76"/>
        <source>powers exponentials logarithms</source>
        <translation>거듭제곱 지수 로그 지수함수 로그함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="77"/>
        <source>trigonometric hyperbolic inverse</source>
        <translation>삼각함수 쌍곡선함수 역함수 역삼각함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="78"/>
        <source>piecewise kink comparison</source>
        <translation>구간별 꺾인 점 비교 최댓값 최솟값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="85"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="86"/>
        <source>A named input variable (x, y, …); its value is set in the Inputs panel</source>
        <translation>이름이 있는 입력 변수 (x, y, …). 값은 '입력' 패널에서 정합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="89"/>
        <source>constant</source>
        <translation>상수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="90"/>
        <source>A constant number or array</source>
        <translation>상수인 숫자나 배열</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="251"/>
        <source>Search blocks…</source>
        <translation>블록 찾기…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="253"/>
        <source>Finds blocks by name, symbol or meaning, in English or Korean; several words must all match. Enter places the only match.</source>
        <translation>이름, 기호, 뜻으로 블록을 찾습니다 (영어나 한국어). 여러 단어를 쓰면 모두 맞는 블록만 보입니다. 맞는 블록이 하나뿐이면 Enter로 놓습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="260"/>
        <source>{title}: {count} blocks
{symbols}</source>
        <translation>{title}: 블록 {count}개
{symbols}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="286"/>
        <source>Your block {name}({args}): drag it onto the canvas</source>
        <translation>내 블록 {name}({args}): 캔버스로 끌어다 놓으세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/palette.py" line="293"/>
        <source>{name}: {desc}
Arguments: {args}</source>
        <translation>{name}: {desc}
인자: {args}</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="70"/>
        <source>Function and tangent</source>
        <translation>함수와 접선</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="71"/>
        <source>Finite-difference error vs h</source>
        <translation>h에 따른 수치미분 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="72"/>
        <source>Contours and gradient (two inputs)</source>
        <translation>등고선과 그래디언트 (입력 두 개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="74"/>
        <source>element </source>
        <translation>원소 </translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="75"/>
        <source>Save…</source>
        <translation>저장…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="76"/>
        <source>along</source>
        <translation>입력:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_controls.py" line="77"/>
        <source>and</source>
        <translation>및</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="36"/>
        <source>tangent, slope ∂{0}/∂{1} = {2}</source>
        <translation>접선, 기울기 ∂{0}/∂{1} = {2}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="48"/>
        <source>{f} along {x} at {x} = {x0}</source>
        <translation>{x} = {x0} 근처에서 {x}에 따른 {f}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="50"/>
        <source>Slope at the point (the engine's gradient): {0}</source>
        <translation>그 점에서의 기울기 (엔진이 구한 미분계수): {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="59"/>
        <source>central difference</source>
        <translation>중앙 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="59"/>
        <source>forward difference</source>
        <translation>전진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="60"/>
        <source>complex step</source>
        <translation>복소 스텝</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="80"/>
        <source>step h</source>
        <translation>간격 h</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="81"/>
        <source>absolute error</source>
        <translation>절대 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="81"/>
        <source>relative error</source>
        <translation>상대 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="85"/>
        <source>Error of ∂F/∂{0} against the engine ({1})</source>
        <translation>엔진 값({1})에 대한 ∂F/∂{0}의 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="87"/>
        <source>Truncation error falls with h, round-off error grows as h shrinks: the V. Differences that happen to be exact (error 0) are not drawn.</source>
        <translation>h가 작아지면 절단 오차는 줄고 반올림 오차는 커져서 V자가 됩니다. 우연히 정확한 차분(오차 0)은 그리지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="90"/>
        <source>Complex step: {0}</source>
        <translation>복소 스텝: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="115"/>
        <source>Contours of {f}; the arrow is the gradient ({gx}, {gy})</source>
        <translation>{f}의 등고선. 화살표는 그래디언트 ({gx}, {gy})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plot_drawing.py" line="117"/>
        <source>The gradient is perpendicular to the contour line through the point.</source>
        <translation>그래디언트는 그 점을 지나는 등고선에 수직입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="92"/>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="188"/>
        <source>Computing…</source>
        <translation>계산하는 중…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="182"/>
        <source>The function has no input to vary</source>
        <translation>함수에 바꿀 수 있는 입력이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="204"/>
        <source>A contour plot needs two inputs</source>
        <translation>등고선 플롯에는 입력이 두 개 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="286"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="286"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="287"/>
        <source>Save Plot</source>
        <translation>플롯 저장</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="296"/>
        <source>Cannot save the plot: {0}</source>
        <translation>플롯을 저장할 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/plots.py" line="298"/>
        <source>Plot saved to {0}</source>
        <translation>플롯을 {0}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>PredictMode</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict.py" line="119"/>
        <source>Pre&amp;dict Mode</source>
        <translation>예측 모드(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict.py" line="120"/>
        <source>Before each step, predict what it will give; the app checks your answer and names the usual mistakes</source>
        <translation>단계마다 결과를 먼저 예측합니다. 앱이 답을 확인하고 흔한 실수를 짚어 줍니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict.py" line="176"/>
        <source>Predict first: type your answer and press Enter, or press Reveal</source>
        <translation>먼저 예측하세요: 답을 입력하고 Enter를 누르세요. 막히면 답 보기를 누르세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict.py" line="315"/>
        <source>Predict mode: {score}</source>
        <translation>예측 모드: {score}</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="116"/>
        <source>a number or an expression, e.g. 2*log(2)</source>
        <translation>숫자 또는 식, 예: 2*log(2)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="117"/>
        <source>Your prediction: Enter checks it</source>
        <translation>예측한 값: Enter로 확인합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="118"/>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="119"/>
        <source>Check your prediction (Enter)</source>
        <translation>예측한 값 확인 (Enter)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="120"/>
        <source>Reveal</source>
        <translation>답 보기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="121"/>
        <source>Show the answer and its working, and go on</source>
        <translation>답과 풀이를 보고 다음으로 넘어갑니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="162"/>
        <source>The pass is complete: your score is in the narration.</source>
        <translation>전파가 끝났습니다: 점수는 해설에 있습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="163"/>
        <source>Step on with → (Next step): before each operation you are asked what it will give.</source>
        <translation>→ 키(다음 단계)로 진행하세요. 연산마다 그 결과를 먼저 묻습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="170"/>
        <source>This pass: {score}</source>
        <translation>이번 전파: {score}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="189"/>
        <source>I cannot read that: {reason} (not counted as a try)</source>
        <translation>읽을 수 없는 답입니다: {reason} (시도 횟수에 넣지 않음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="192"/>
        <source>✓ Right on the first try: {answer}</source>
        <translation>✓ 첫 시도에 정답: {answer}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="193"/>
        <source>✓ Right on the second try: {answer}</source>
        <translation>✓ 두 번째 시도에 정답: {answer}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="196"/>
        <source>✗ Not quite. {diagnosis}</source>
        <translation>✗ 아직 아닙니다. {diagnosis}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="198"/>
        <source>Try once more, or press Reveal.</source>
        <translation>한 번 더 해 보세요. 막히면 답 보기를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="201"/>
        <source>✗ Not right. {diagnosis}</source>
        <translation>✗ 틀렸습니다. {diagnosis}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/predict_panel.py" line="203"/>
        <source>The answer: {answer}</source>
        <translation>정답: {answer}</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="178"/>
        <source>&amp;Presentation</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="179"/>
        <source>Full screen with large fonts for a projector (F11; Esc leaves)</source>
        <translation>프로젝터용 큰 글꼴의 전체 화면 (F11, Esc로 나가기)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="180"/>
        <source>Leave Presentation</source>
        <translation>발표 모드 끝내기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="181"/>
        <source>Back to the normal window (Esc)</source>
        <translation>보통 창으로 돌아갑니다 (Esc)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="182"/>
        <source>Larger Text</source>
        <translation>글자 크게</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="183"/>
        <source>Make everything larger (Ctrl +)</source>
        <translation>모두 크게 합니다 (Ctrl +)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="184"/>
        <source>Smaller Text</source>
        <translation>글자 작게</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="185"/>
        <source>Make everything smaller (Ctrl −)</source>
        <translation>모두 작게 합니다 (Ctrl −)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="186"/>
        <source>Default Text Size</source>
        <translation>기본 글자 크기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/presentation/mode.py" line="187"/>
        <source>Back to the default presentation size (Ctrl 0)</source>
        <translation>발표 모드 기본 크기로 돌아갑니다 (Ctrl 0)</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="75"/>
        <source>My Progress</source>
        <translation>내 진도</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="76"/>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="77"/>
        <source>Done</source>
        <translation>완료 상황</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="77"/>
        <source>Lesson or exercise</source>
        <translation>수업 또는 연습 문제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="95"/>
        <source>pages {read} of {pages} · exercises {solved} of {total}</source>
        <translation>쪽 {pages}개 중 {read} · 연습 문제 {total}개 중 {solved}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="104"/>
        <source>Exercises solved: {solved} of {total}</source>
        <translation>푼 연습 문제: {total}개 중 {solved}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="110"/>
        <source>not tried</source>
        <translation>아직 안 풂</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="113"/>
        <source>✓ solved at try {n}</source>
        <translation>✓ {n}번째 시도에 풂</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="115"/>
        <source>tried {n} times</source>
        <translation>{n}번 시도</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="117"/>
        <source>{n} hints</source>
        <translation>힌트 {n}개</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/progress_view.py" line="119"/>
        <source>answer shown</source>
        <translation>답을 봄</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="157"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="158"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="159"/>
        <source>%1 File</source>
        <translation>%1 파일</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="160"/>
        <source>Drive</source>
        <translation>드라이브</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="155"/>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="156"/>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="161"/>
        <source>Don't Save</source>
        <translation>저장 안 함</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/app/i18n.py" line="162"/>
        <source>Close without Saving</source>
        <translation>저장하지 않고 닫기</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="476"/>
        <source>Fused rules of %1</source>
        <translation>%1의 합친 미분 규칙</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="478"/>
        <source>Write the gradient the block sends to each input, in terms of its inputs and upstream (the gradient arriving at its output); without upstream, a rule is the local derivative and is multiplied by upstream. Check compares each rule with the block's inside at this point and at three random points, like PyTorch's gradcheck for a custom autograd Function.</source>
        <translation>블록이 각 입력으로 보내는 그래디언트를 블록의 입력들과 upstream(블록의 출력에 도착하는 그래디언트)으로 쓰세요. upstream이 없는 규칙은 국소 미분계수로 보고 upstream을 곱합니다. 확인은 각 규칙을 지금의 점과 무작위로 고른 세 점에서 블록 안의 그래프와 비교합니다. PyTorch에서 직접 만든 autograd Function을 gradcheck로 확인하는 것과 같습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="483"/>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="484"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="177"/>
        <source>&amp;Next Step</source>
        <translation>다음 단계(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="177"/>
        <source>Take the next step</source>
        <translation>다음 단계로 진행합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="178"/>
        <source>&amp;Previous Step</source>
        <translation>이전 단계(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="178"/>
        <source>Undo the last step</source>
        <translation>마지막 단계를 되돌립니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="179"/>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="180"/>
        <source>&amp;Play</source>
        <translation>재생(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="181"/>
        <source>Play the steps one after another, or pause</source>
        <translation>단계를 차례로 재생하거나 일시 정지합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="182"/>
        <source>Run to &amp;End</source>
        <translation>끝까지 실행(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="182"/>
        <source>Take every remaining step</source>
        <translation>남은 단계를 모두 진행합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="183"/>
        <source>&amp;Reset</source>
        <translation>처음으로(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="183"/>
        <source>Back to the start</source>
        <translation>처음 상태로 돌아갑니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="185"/>
        <source>&amp;Check Gradients</source>
        <translation>미분계수 검사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="186"/>
        <source>Compare the engine's gradient with forward mode, finite differences and PyTorch</source>
        <translation>엔진이 구한 그래디언트를 포워드 모드, 수치미분, PyTorch와 비교합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="188"/>
        <source>Export &amp;Trace as CSV…</source>
        <translation>추적 기록을 CSV로 내보내기(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="189"/>
        <source>Save the executed steps as CSV</source>
        <translation>실행한 단계를 CSV로 저장합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="204"/>
        <source>Narration</source>
        <translation>해설</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="205"/>
        <source>Trace</source>
        <translation>추적</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="206"/>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="207"/>
        <source>Plots</source>
        <translation>플롯</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="208"/>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="210"/>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="211"/>
        <source>Step</source>
        <translation>단계 도구 모음</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="212"/>
        <source>Playing speed</source>
        <translation>재생 속도</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="213"/>
        <source> Speed </source>
        <translation> 속도 </translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="349"/>
        <source>fastest</source>
        <translation>최고 속도</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/run_panel.py" line="352"/>
        <source>{0} steps/s</source>
        <translation>초당 {0}단계</translation>
    </message>
</context>
<context>
    <name>SecantView</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="106"/>
        <source>h = {h}</source>
        <translation>h = {h}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="109"/>
        <source>This graph has no scalar input with a scalar output to draw.</source>
        <translation>이 그래프에는 그릴 수 있는 스칼라 입력과 스칼라 출력이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="117"/>
        <source>Secant slope (f(x + h) − f(x)) / h = {secant}; tangent slope (exact) = {tangent}; difference {diff}</source>
        <translation>할선의 기울기 (f(x + h) − f(x)) / h = {secant}, 접선의 기울기(정확한 값) = {tangent}, 차이 {diff}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="189"/>
        <source>tangent</source>
        <translation>접선</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/numdiff_widgets.py" line="190"/>
        <source>secant</source>
        <translation>할선</translation>
    </message>
</context>
<context>
    <name>StepController</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/pass_source.py" line="138"/>
        <source>not a number or a JSON array such as [1, 2]</source>
        <translation>숫자나 [1, 2] 같은 JSON 배열이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/pass_source.py" line="148"/>
        <source>the output has shape {0}; this has shape {1}</source>
        <translation>출력의 크기는 {0}인데 이 값의 크기는 {1}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/pass_source.py" line="195"/>
        <source>The upstream gradient has shape {0}, but the output has shape {1}</source>
        <translation>상류층 미분계수의 크기는 {0}인데 출력의 크기는 {1}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="156"/>
        <source>Nothing to step: {0}</source>
        <translation>진행할 단계가 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="164"/>
        <source>Forward mode needs an input on the way to the output</source>
        <translation>포워드 모드에는 출력으로 이어지는 입력이 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="269"/>
        <source>Stopped: {0}</source>
        <translation>멈춤: {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="272"/>
        <source>Step {0} of {1}</source>
        <translation>{1}단계 중 {0}단계</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="314"/>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="393"/>
        <source>The pass is complete</source>
        <translation>전파가 끝났습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/stepping.py" line="404"/>
        <source>Stepping reset</source>
        <translation>단계를 처음으로 되돌렸습니다</translation>
    </message>
</context>
<context>
    <name>StepSettings</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="115"/>
        <source>Reverse mode</source>
        <translation>리버스 모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="117"/>
        <source>Reverse mode (forward pass, then backward pass)</source>
        <translation>리버스 모드 (순전파 후 역전파)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="118"/>
        <source>Forward mode</source>
        <translation>포워드 모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="119"/>
        <source>Forward mode (carry one input's tangent)</source>
        <translation>포워드 모드 (입력 하나의 접선 미분값을 전달)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="120"/>
        <source>The input whose tangent forward mode carries</source>
        <translation>포워드 모드가 접선 미분값을 전달할 입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="122"/>
        <source>The gradient the backward pass starts from at the output (PyTorch's grad_tensors): a number, or a JSON array shaped like the output, e.g. [1, 2]</source>
        <translation>역전파가 출력에서 시작할 때 쓰는 미분계수 (PyTorch의 grad_tensors): 숫자, 또는 출력과 크기가 같은 JSON 배열 (예: [1, 2])</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="124"/>
        <source>Accumulate gradients across runs (.grad)</source>
        <translation>실행할 때마다 미분계수 누적 (.grad)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="125"/>
        <source>zero_grad</source>
        <translation>zero_grad</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="126"/>
        <source>Forget the accumulated gradients</source>
        <translation>누적된 미분계수를 지웁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="128"/>
        <source>PyTorch adds every backward() into x.grad, so a second run without optimizer.zero_grad() (or x.grad = None) doubles it. Running backward twice over one graph also needs retain_graph=True, because PyTorch frees the values saved for the backward pass; this engine keeps them.</source>
        <translation>PyTorch는 backward()를 할 때마다 결과를 x.grad에 더하므로, optimizer.zero_grad() (또는 x.grad = None) 없이 한 번 더 실행하면 값이 두 배가 됩니다. 한 그래프에서 역전파를 두 번 하려면 retain_graph=True도 필요합니다. PyTorch는 역전파용으로 저장한 값을 지우기 때문입니다. 이 엔진은 그 값을 그대로 둡니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="132"/>
        <source>Mode</source>
        <translation>모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="133"/>
        <source>Upstream gradient</source>
        <translation>상류층 미분계수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="177"/>
        <source>forward mode needs {n} passes for {n} inputs; reverse mode needs 1 backward pass</source>
        <translation>입력 원소가 {n}개이면 포워드 모드는 전파를 {n}번 해야 하지만, 리버스 모드는 역전파 1번이면 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="179"/>
        <source>forward mode needs 1 pass for 1 input; reverse mode needs 1 backward pass</source>
        <translation>입력 원소가 1개이면 포워드 모드는 전파 1번, 리버스 모드는 역전파 1번이면 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="207"/>
        <source>{reason} (still using {old})</source>
        <translation>{reason} ({old}을(를) 계속 사용)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/step_settings.py" line="224"/>
        <source>Accumulated: {0}</source>
        <translation>누적: {0}</translation>
    </message>
</context>
<context>
    <name>ThreeWays</name>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="180"/>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="214"/>
        <source>central difference</source>
        <translation>중앙 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="180"/>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="214"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="180"/>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="214"/>
        <source>symbolic</source>
        <translation>기호 미분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="181"/>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="216"/>
        <source>error of central difference</source>
        <translation>중앙 차분의 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="181"/>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="215"/>
        <source>reverse mode</source>
        <translation>리버스 모드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="182"/>
        <source>No symbolic derivative for arrays.</source>
        <translation>배열에는 기호 도함수가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="184"/>
        <source>The textbook rules are written for scalars. With arrays every element of the gradient is a sum over indices, ∂f/∂Wᵢⱼ = Σₖ ∂f/∂yₖ · ∂yₖ/∂Wᵢⱼ: that needs index notation, which expressions here do not have. The numeric and the automatic derivative work element by element:</source>
        <translation>교과서의 미분 규칙은 스칼라에 대해 쓰여 있습니다. 배열에서는 그래디언트의 원소 하나하나가 첨자에 대한 합 ∂f/∂Wᵢⱼ = Σₖ ∂f/∂yₖ · ∂yₖ/∂Wᵢⱼ 이어서 첨자 표기가 필요한데, 여기의 식에는 첨자 표기가 없습니다. 수치 미분과 자동 미분은 원소마다 계산합니다:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="197"/>
        <source>Sizes (operations): expression %1; backward graph %2; tape %3</source>
        <translation>크기(연산 수): 식 %1, 역전파 그래프 %2, 테이프 %3</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="210"/>
        <source>Symbolic (rules on the expression, no sharing), numeric (central difference) and automatic (reverse mode) derivatives of the output, side by side.</source>
        <translation>출력의 미분을 기호 미분(식에 규칙 적용, 공유 없음), 수치 미분(중앙 차분), 자동 미분(리버스 모드)으로 나란히 비교합니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="215"/>
        <source>error of symbolic</source>
        <translation>기호 미분의 오차</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="224"/>
        <source>simplified</source>
        <translation>간단히 한 식</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="233"/>
        <source>Sizes (operations): expression %1; symbolic derivatives %2; simplified %3; backward graph %4; tape %5</source>
        <translation>크기(연산 수): 식 %1, 기호 도함수 %2, 간단히 한 식 %3, 역전파 그래프 %4, 테이프 %5</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="268"/>
        <source>expression</source>
        <translation>식</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="269"/>
        <source>symbolic derivative</source>
        <translation>기호 도함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="270"/>
        <source>backward graph</source>
        <translation>역전파 그래프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="271"/>
        <source>tape</source>
        <translation>테이프</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="274"/>
        <source>n (x = sin(x)·x, n times)</source>
        <translation>n (x = sin(x)·x를 n번)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="275"/>
        <source>operations</source>
        <translation>연산 수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="281"/>
        <source>Three Ways</source>
        <translation>세 가지 방법</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/checks/three_ways.py" line="286"/>
        <source>Compute</source>
        <translation>계산</translation>
    </message>
</context>
<context>
    <name>TraceModel</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="76"/>
        <source>forward</source>
        <translation>순전파</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="78"/>
        <source>backward</source>
        <translation>역전파</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="79"/>
        <source>tangent</source>
        <translation>접선 미분값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="86"/>
        <source>constant</source>
        <translation>상수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="86"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="138"/>
        <source>∂{F}/∂{src} so far: {total}  ({k} of {n})</source>
        <translation>지금까지의 ∂{F}/∂{src}: {total}  ({n}개 중 {k}개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="177"/>
        <source>tangent of node</source>
        <translation>노드의 접선 미분값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="180"/>
        <source>∂f/∂node (dout)</source>
        <translation>∂f/∂노드 (dout)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="181"/>
        <source>∂L/∂node (dout)</source>
        <translation>∂L/∂노드 (dout)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="184"/>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="184"/>
        <source>Op</source>
        <translation>연산</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="184"/>
        <source>Pass</source>
        <translation>전파</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="184"/>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="185"/>
        <source>Inputs</source>
        <translation>입력값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="185"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="186"/>
        <source>Contributions</source>
        <translation>전달한 미분계수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="186"/>
        <source>Local derivatives</source>
        <translation>국소 미분계수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="187"/>
        <source>Accumulated gradient</source>
        <translation>누적 미분계수</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="347"/>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="348"/>
        <source>Click a row to go to that step.</source>
        <translation>행을 클릭하면 그 단계로 갑니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="386"/>
        <source>Export Trace</source>
        <translation>추적 기록 내보내기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="387"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="392"/>
        <source>Cannot write {0}: {1}</source>
        <translation>{0}에 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/trace_model.py" line="395"/>
        <source>Trace saved to {0}</source>
        <translation>추적 기록을 {0}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="23"/>
        <source>backward once more: .grad accumulates (it is not overwritten)</source>
        <translation>backward를 한 번 더: .grad는 덮어쓰지 않고 누적합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="24"/>
        <source>as_tensor shares memory only when the dtype and device match; with another dtype it copies</source>
        <translation>as_tensor는 dtype과 장치가 같을 때만 메모리를 공유합니다. dtype이 다르면 복사합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="39"/>
        <source>In [{n}]:</source>
        <translation>입력 [{n}]:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="42"/>
        <source>(not in the notebook: {why})</source>
        <translation>(노트북에 없는 셀: {why})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="45"/>
        <location filename="../../autodiff_gui/ui/course/transcript.py" line="54"/>
        <source>Out:</source>
        <translation>출력:</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <location filename="../../autodiff_gui/ui/window/layout.py" line="94"/>
        <source>&amp;Reset Layout</source>
        <translation>레이아웃 초기화(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/layout.py" line="95"/>
        <source>Put every panel back where it was at the first start</source>
        <translation>모든 패널을 처음 시작했을 때의 자리로 되돌립니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/layout.py" line="96"/>
        <source>&amp;Hide Side Panels</source>
        <translation>양옆 패널 숨기기(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/layout.py" line="97"/>
        <source>Hide the panels on the left and the right: the canvas gets the whole width (F9)</source>
        <translation>왼쪽과 오른쪽 패널을 숨겨 캔버스가 창의 너비 전체를 씁니다 (F9)</translation>
    </message>
</context>
<context>
    <name>backward</name>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="40"/>
        <source>the graph has no output to differentiate</source>
        <translation>미분할 출력이 그래프에 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="41"/>
        <source>the backward graph cannot sum a gradient of shape {got} back to {want}</source>
        <translation>역전파 그래프는 크기 {got}인 그래디언트를 크기 {want}에 맞게 더할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="42"/>
        <source>∂f/∂{0}</source>
        <translation>∂f/∂{0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="43"/>
        <source>∂f/∂{0} (path {1})</source>
        <translation>∂f/∂{0} (경로 {1})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="44"/>
        <source>∂f/∂{0} (paths 1–{1})</source>
        <translation>∂f/∂{0} (경로 1–{1})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="45"/>
        <source>∂f/∂{0} = 0</source>
        <translation>∂f/∂{0} = 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="46"/>
        <source>{0}ᵀ</source>
        <translation>{0}ᵀ</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="47"/>
        <source>{0} as a column</source>
        <translation>열벡터로 쓴 {0}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="48"/>
        <source>[{0} &gt; 0]  (relu′ is 0 at the kink, as in PyTorch)</source>
        <translation>[{0} &gt; 0]  (PyTorch처럼 꺾인 점에서 relu′는 0)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/backward_graph.py" line="49"/>
        <source>sign({0})  (abs′ is 0 at the kink, as in PyTorch)</source>
        <translation>sign({0})  (PyTorch처럼 꺾인 점에서 abs′는 0)</translation>
    </message>
</context>
<context>
    <name>canvas</name>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/block_paint.py" line="116"/>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="354"/>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="52"/>
        <source>base</source>
        <translation>밑</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="53"/>
        <source>exp</source>
        <translation>지수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="54"/>
        <source>num</source>
        <translation>분자</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="55"/>
        <source>den</source>
        <translation>분모</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="276"/>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="148"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="278"/>
        <source>block</source>
        <translation>블록</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="316"/>
        <source>double-click to open</source>
        <translation>더블클릭하면 열림</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="361"/>
        <source>input {name} = {value}</source>
        <translation>입력 {name} = {value}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="364"/>
        <source>constant {value}</source>
        <translation>상수 {value}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/items.py" line="366"/>
        <source>block {name}({inputs}): double-click to open it and step inside</source>
        <translation>블록 {name}({inputs}): 더블클릭하면 열어서 안을 한 단계씩 볼 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="26"/>
        <source>Set as output</source>
        <translation>출력으로 지정</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="30"/>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="33"/>
        <source>Edit value…</source>
        <translation>값 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="37"/>
        <source>Parameters…</source>
        <translation>매개변수…</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="42"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="54"/>
        <source>Add input</source>
        <translation>입력 추가</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="56"/>
        <source>Add constant</source>
        <translation>상수 추가</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="58"/>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/menus.py" line="61"/>
        <source>Arrange blocks</source>
        <translation>블록 정렬</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/params_dialog.py" line="48"/>
        <source>Parameters after the arguments, as in %1:</source>
        <translation>인자 뒤에 쓰는 매개변수(%1처럼):</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/params_dialog.py" line="49"/>
        <source>Parameters of %1</source>
        <translation>%1의 매개변수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="236"/>
        <source>choose an operation</source>
        <translation>연산을 고르세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="411"/>
        <source>Name this step</source>
        <translation>이 단계에 이름 붙이기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="412"/>
        <source>Name (as in c = a + b; empty: a letter when stepping):</source>
        <translation>이름 (c = a + b처럼. 비워 두면 단계별 실행 때 글자 하나가 붙습니다):</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="418"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="418"/>
        <source>Rename input</source>
        <translation>입력 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="433"/>
        <source>Edit value of {name}</source>
        <translation>{name}의 값 바꾸기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="438"/>
        <source>Value:</source>
        <translation>값:</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/scene.py" line="458"/>
        <source>{reason}
{label}</source>
        <translation>{reason}
{label}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="148"/>
        <source>constant</source>
        <translation>상수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="149"/>
        <source>arithmetic</source>
        <translation>사칙연산</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="149"/>
        <source>powers and logarithms</source>
        <translation>거듭제곱과 로그</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="150"/>
        <source>activations</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="150"/>
        <source>trigonometric</source>
        <translation>삼각·쌍곡선 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="151"/>
        <source>piecewise</source>
        <translation>구간별 함수</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="151"/>
        <source>reductions</source>
        <translation>축약</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="152"/>
        <source>losses</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/theme.py" line="152"/>
        <source>shapes and indexing</source>
        <translation>크기와 인덱싱</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/view.py" line="90"/>
        <source>add block: mul, log, input, 2.5 …</source>
        <translation>블록 추가: mul, log, input, 2.5 …</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/view.py" line="114"/>
        <source>no block called {text}</source>
        <translation>{text}(이)라는 블록이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/view.py" line="272"/>
        <source>unknown operation {name}</source>
        <translation>알 수 없는 연산 {name}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/view.py" line="289"/>
        <source>unknown block {spec}</source>
        <translation>알 수 없는 블록 {spec}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/canvas/wire_drag.py" line="88"/>
        <source>drop the wire on an input slot (the left side of a block)</source>
        <translation>연결선을 입력 슬롯(블록의 왼쪽)에 놓으세요</translation>
    </message>
</context>
<context>
    <name>check</name>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="19"/>
        <source>{signature} in PyTorch: value and gradient.</source>
        <translation>PyTorch로 계산하는 {signature}의 값과 그래디언트.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="20"/>
        <source>Generated by Autodiff Studio.  Run it with: python this_file.py</source>
        <translation>Autodiff Studio가 만든 코드입니다. 실행: python this_file.py</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="21"/>
        <source>Six decimals, like the seed notebook, for a number or nested lists.</source>
        <translation>숫자나 중첩 리스트를 노트북처럼 소수점 여섯 자리로 씁니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="22"/>
        <source>inputs: float64 tensors that PyTorch will differentiate</source>
        <translation>입력: PyTorch가 미분할 float64 텐서</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="23"/>
        <source>forward pass: one line per node</source>
        <translation>순전파: 노드마다 한 줄</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="24"/>
        <source>backward pass from {z}, with upstream gradient {u}</source>
        <translation>{z}에서 시작하는 역전파, 상류층 미분계수 {u}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="25"/>
        <source>{signature} step by step, in the style of the seed notebook</source>
        <translation>노트북의 방식으로 한 단계씩 계산하는 {signature}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="26"/>
        <source>(generated by Autodiff Studio)</source>
        <translation>(Autodiff Studio가 만든 코드)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="27"/>
        <source>the exponent n is a constant: only x gets a derivative</source>
        <translation>지수 n은 상수이므로 x에 대한 미분계수만 구합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="28"/>
        <source>a vector on the left is a row, on the right a column: both rules are matrix products</source>
        <translation>왼쪽의 벡터는 행, 오른쪽의 벡터는 열로 봅니다: 두 규칙 모두 행렬곱입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="30"/>
        <source>sum a broadcast gradient back to the shape of the operand</source>
        <translation>브로드캐스트된 그래디언트를 피연산자의 크기로 다시 합칩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/code_comments.py" line="31"/>
        <source>six decimals for arrays too, on one line</source>
        <translation>어레이도 소수점 여섯 자리로, 한 줄에 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="15"/>
        <source>the step vanished in rounding</source>
        <translation>스텝이 반올림되어 0이 되었습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="16"/>
        <source>x ± h overflows: it is beyond the largest floating-point number</source>
        <translation>x ± h가 오버플로합니다: 가장 큰 부동소수점 수를 넘습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="17"/>
        <source>{op} at node {node}</source>
        <translation>노드 {node}({op})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="18"/>
        <source>the output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="19"/>
        <source>{where} is not analytic: complex step unavailable</source>
        <translation>{where}은(는) 해석 함수가 아니어서 복소 스텝을 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="20"/>
        <source>the complex evaluation is not finite at {where}</source>
        <translation>{where}에서 복소수 계산 결과가 유한하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="21"/>
        <source>{location}: {reason}</source>
        <translation>{location}: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="22"/>
        <source>{where} has its argument at 0, its kink: the derivative does not exist there. PyTorch's convention (followed here) is {convention}.</source>
        <translation>{where}의 인수가 꺾인 점인 0에 있습니다: 그 점에서는 미분계수가 존재하지 않습니다. 여기서는 PyTorch의 관례를 따릅니다: {convention}.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="24"/>
        <source>{where} has its argument at 0, the edge of its domain: the derivative is infinite there (PyTorch returns {convention}).</source>
        <translation>{where}의 인수가 정의역의 경계인 0에 있습니다: 그 점에서는 미분계수가 무한대입니다 (PyTorch의 결과: {convention}).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="26"/>
        <source>the argument of {where} is within h = {h} of 0, where it has a kink: the differences straddle it, so they cannot confirm the derivative here.</source>
        <translation>{where}의 인수가 꺾인 점인 0에서 h = {h} 이내에 있습니다: 차분이 그 점을 사이에 두고 걸치므로 여기서는 미분계수를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="28"/>
        <source>the argument of {where} is within h = {h} of 0, where it has a domain edge: the differences straddle it, so they cannot confirm the derivative here.</source>
        <translation>{where}의 인수가 정의역의 경계인 0에서 h = {h} 이내에 있습니다: 차분이 그 점을 사이에 두고 걸치므로 여기서는 미분계수를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="32"/>
        <source>{where} sits on its kink ({place}): the derivative does not exist there. PyTorch's convention (followed here) is {convention}.</source>
        <translation>{where}이(가) 꺾인 점({place})에 있습니다: 그 점에서는 미분계수가 존재하지 않습니다. 여기서는 PyTorch의 관례를 따릅니다: {convention}.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="35"/>
        <source>{where} sits on the edge of its domain ({place}): the derivative is infinite there (PyTorch returns {convention}).</source>
        <translation>{where}이(가) 정의역의 경계({place})에 있습니다: 그 점에서는 미분계수가 무한대입니다 (PyTorch의 결과: {convention}).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="37"/>
        <source>{where} is within h = {h} of its kink ({place}): the differences straddle it, so they cannot confirm the derivative here.</source>
        <translation>{where}이(가) 꺾인 점({place})에서 h = {h} 이내에 있습니다: 차분이 그 점을 사이에 두고 걸치므로 여기서는 미분계수를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="39"/>
        <source>{where} is within h = {h} of the edge of its domain ({place}): the differences straddle it, so they cannot confirm the derivative here.</source>
        <translation>{where}이(가) 정의역의 경계({place})에서 h = {h} 이내에 있습니다: 차분이 그 점을 사이에 두고 걸치므로 여기서는 미분계수를 확인할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="41"/>
        <source>the central difference with h = eps is unavailable ({reason}); checked against the complex step instead.</source>
        <translation>h = eps인 중앙 차분을 쓸 수 없어서({reason}) 대신 복소 스텝과 비교했습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="43"/>
        <source>(the engine stops there: {reason})</source>
        <translation>(엔진은 그 점에서 멈춥니다: {reason})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="44"/>
        <source>the engine's gradient failed: {error}</source>
        <translation>엔진이 미분계수를 구하지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="45"/>
        <source>no numerical derivative here: {reason}</source>
        <translation>이 점에서는 수치 미분계수를 구할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="46"/>
        <source>|analytic − numerical| = {error} &gt; atol + rtol·|n| = {bound}</source>
        <translation>|엔진 − 수치미분| = {error} &gt; atol + rtol·|n| = {bound}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="47"/>
        <source>the {method} step crosses the kink at node {nodes}: that estimate is unreliable.</source>
        <translation>{method} 스텝이 노드 {nodes}의 꺾인 점을 넘어가므로 그 추정값은 믿을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="49"/>
        <source>unknown method {method!r}; known: {known}</source>
        <translation>알 수 없는 방법 {method!r}; 쓸 수 있는 방법: {known}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="50"/>
        <source>the step for {method} must be a positive number, not {step}</source>
        <translation>{method}의 스텝은 양수여야 합니다. {step}은(는) 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="51"/>
        <source>eps must be a positive number</source>
        <translation>eps는 양수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="52"/>
        <source>{name} has no element {index}</source>
        <translation>{name}에는 {index} 원소가 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="54"/>
        <source>forward</source>
        <translation>전진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="55"/>
        <source>backward</source>
        <translation>후진 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="56"/>
        <source>central</source>
        <translation>중앙 차분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="57"/>
        <source>richardson</source>
        <translation>리처드슨 외삽</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/finite_diff/messages.py" line="58"/>
        <source>gradcheck</source>
        <translation>gradcheck</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="87"/>
        <source>PyTorch is not available: {error}</source>
        <translation>PyTorch를 쓸 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="88"/>
        <source>PyTorch could not run this graph: {error}</source>
        <translation>PyTorch가 이 그래프를 실행하지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="89"/>
        <source>forward mode skipped: it would take {passes} passes, one per input element (the limit is {limit})</source>
        <translation>포워드 모드를 건너뛰었습니다: 입력 원소마다 한 번씩, 전파를 {passes}번 해야 합니다 (한도는 {limit}번)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="91"/>
        <source>{name} does not reach the output: its gradient is 0 (PyTorch's autograd.grad would give None)</source>
        <translation>{name}은(는) 출력으로 이어지지 않으므로 미분계수가 0입니다 (PyTorch의 autograd.grad는 None을 돌려줍니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="93"/>
        <source>PyTorch gives {value} at {where}; the engine stops there with an error</source>
        <translation>PyTorch의 값은 {where}에서 {value}입니다. 엔진은 그 점에서 오류를 내고 멈춥니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="95"/>
        <source>PyTorch's gradient of {node} through {where} is {value}; the engine stops there with an error</source>
        <translation>{where}에서 {node}(으)로 전달된 PyTorch 미분계수는 {value}입니다. 엔진은 그 점에서 오류를 내고 멈춥니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/check/torch_ref.py" line="97"/>
        <source>the output does not depend on any input: nothing to differentiate</source>
        <translation>출력이 어떤 입력에도 의존하지 않습니다: 미분할 것이 없습니다</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="69"/>
        <source>Set the values of %1</source>
        <translation>%1의 값 설정</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/course/examples.py" line="95"/>
        <source>Load example: %1</source>
        <translation>예제 불러오기: %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="161"/>
        <source>Make block %1</source>
        <translation>블록 %1 만들기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="181"/>
        <source>Expand block %1</source>
        <translation>블록 %1 펼치기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="312"/>
        <source>Fused rules of %1</source>
        <translation>%1의 합친 미분 규칙</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/blocks.py" line="374"/>
        <source>Add block %1</source>
        <translation>블록 %1 추가</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="165"/>
        <source>an undo or redo was running, so this edit was not made</source>
        <translation>실행 취소나 다시 실행이 진행 중이어서 이 편집은 적용되지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="252"/>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="134"/>
        <source>unknown kind of block %1</source>
        <translation>알 수 없는 블록 종류 %1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="254"/>
        <source>Add constant</source>
        <translation>상수 추가</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="256"/>
        <source>Add %1</source>
        <translation>%1 추가</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="297"/>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="380"/>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="400"/>
        <source>nothing is connected there</source>
        <translation>그곳에는 아무것도 연결되어 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="299"/>
        <source>nothing is selected</source>
        <translation>선택한 것이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="302"/>
        <source>Delete %1</source>
        <translation>%1 삭제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="305"/>
        <source>Delete %1 blocks</source>
        <translation>블록 %1개 삭제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="307"/>
        <source>Delete wire</source>
        <translation>연결선 삭제</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="349"/>
        <source>that wire is there already</source>
        <translation>그 연결선은 이미 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="350"/>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="351"/>
        <source>Replace wire</source>
        <translation>연결선 바꾸기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="381"/>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="402"/>
        <source>the wire is there already</source>
        <translation>연결선이 이미 그 자리에 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="404"/>
        <source>Move wire</source>
        <translation>연결선 옮기기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="433"/>
        <source>Set value of %1</source>
        <translation>%1의 값 설정</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="469"/>
        <source>the input is called %1 already</source>
        <translation>입력의 이름이 이미 %1입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="470"/>
        <source>the block is called %1 already</source>
        <translation>블록의 이름이 이미 %1입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="473"/>
        <source>Name %1 as %2</source>
        <translation>%1에 이름 %2 붙이기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="476"/>
        <source>Remove the name %1</source>
        <translation>이름 %1 지우기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="478"/>
        <source>Rename %1 to %2</source>
        <translation>%1의 이름을 %2(으)로 바꾸기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="506"/>
        <source>the block has these parameters already</source>
        <translation>블록에 이미 이 매개변수가 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="507"/>
        <source>Set the parameters of %1</source>
        <translation>%1의 매개변수 설정</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="524"/>
        <source>Set output</source>
        <translation>출력 지정</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="546"/>
        <source>nothing moved</source>
        <translation>움직인 것이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="553"/>
        <source>Move block</source>
        <translation>블록 옮기기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="555"/>
        <source>Move %1 blocks</source>
        <translation>블록 %1개 옮기기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/commands.py" line="604"/>
        <source>Arrange blocks</source>
        <translation>블록 정렬</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="81"/>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="83"/>
        <source>the clipboard holds no blocks</source>
        <translation>클립보드에 블록이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="85"/>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="137"/>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="144"/>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="149"/>
        <source>the clipboard data is damaged</source>
        <translation>클립보드 데이터가 손상되었습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="101"/>
        <source>nothing to paste</source>
        <translation>붙여넣을 것이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="152"/>
        <source>Paste block</source>
        <translation>블록 붙여넣기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/editing/paste.py" line="154"/>
        <source>Paste %1 blocks</source>
        <translation>블록 %1개 붙여넣기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="89"/>
        <source>Show the backward graph</source>
        <translation>역전파 그래프 보기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/backward_view.py" line="90"/>
        <source>Differentiate again</source>
        <translation>한 번 더 미분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/run/gradient_step.py" line="75"/>
        <source>Gradient step %1 (η = %2)</source>
        <translation>경사 하강 한 걸음: %1 (η = %2)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/ui/window/editing.py" line="95"/>
        <source>Build f = %1</source>
        <translation>f = %1 만들기</translation>
    </message>
</context>
<context>
    <name>composite</name>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="46"/>
        <source>{name!r} is not a valid block name (letters, digits, _; not starting with a digit; at most {limit} characters)</source>
        <translation>{name!r}은(는) 올바른 블록 이름이 아닙니다 (영문자, 숫자, _만 쓰고 숫자로 시작하지 않으며 {limit}자 이하)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="48"/>
        <source>{name!r} is the name of a function or a reserved word</source>
        <translation>{name!r}은(는) 함수 이름이거나 예약어입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="49"/>
        <source>block {name}: a block needs at least one input</source>
        <translation>블록 {name}: 블록에는 입력이 하나 이상 있어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="50"/>
        <source>block {name}: at most {limit} inputs, not {count}</source>
        <translation>블록 {name}: 입력은 {limit}개까지입니다 ({count}개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="51"/>
        <source>block {name}: {input!r} is not a valid input name</source>
        <translation>블록 {name}: {input!r}은(는) 올바른 입력 이름이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="52"/>
        <source>block {name}: the input {input!r} is listed twice</source>
        <translation>블록 {name}: 입력 {input!r}이(가) 두 번 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="53"/>
        <source>block {name}: an input may not be called {upstream!r} (the fused rules' name for the incoming gradient)</source>
        <translation>블록 {name}: 입력 이름으로 {upstream!r}을(를) 쓸 수 없습니다 (합친 미분 규칙에서 들어오는 그래디언트의 이름입니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="55"/>
        <source>block {name}: its inputs {inputs} are not its body's inputs {body}</source>
        <translation>블록 {name}: 입력 {inputs}이(가) 블록 안 그래프의 입력 {body}와 다릅니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="56"/>
        <source>block {name}: its body has {count:,} nodes; the limit is {limit:,}</source>
        <translation>블록 {name}: 블록 안 그래프의 노드가 {count:,}개입니다. 한도는 {limit:,}개입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="57"/>
        <source>block {name}: its body has no output</source>
        <translation>블록 {name}: 블록 안 그래프에 출력이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="58"/>
        <source>block {name}: its output must be an operation, not an input or a constant</source>
        <translation>블록 {name}: 출력은 입력이나 상수가 아닌 연산이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="59"/>
        <source>block {name}: {problem}</source>
        <translation>블록 {name}: {problem}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="60"/>
        <source>block {name}: it uses block {inner!r}, which is not defined</source>
        <translation>블록 {name}: 정의되지 않은 블록 {inner!r}을(를) 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="61"/>
        <source>block {name}: it uses itself (through {path})</source>
        <translation>블록 {name}: 자기 자신을 씁니다 ({path})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="62"/>
        <source>block {name}: a fused rule for {input!r}, which is not one of its inputs</source>
        <translation>블록 {name}: 블록의 입력이 아닌 {input!r}에 대한 합친 미분 규칙이 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="63"/>
        <source>block {name}: the fused rule for {input!r} must be text of at most {limit} characters</source>
        <translation>블록 {name}: {input!r}의 합친 미분 규칙은 {limit}자 이하의 글이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="65"/>
        <source>at most {limit} block definitions</source>
        <translation>블록 정의는 {limit}개까지입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="66"/>
        <source>the blocks expand to more than {limit:,} operations</source>
        <translation>블록을 펼치면 연산이 {limit:,}개를 넘습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="68"/>
        <source>select the blocks to put in the new block first</source>
        <translation>새 블록에 넣을 블록들을 먼저 선택하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="69"/>
        <source>a block is made of operations: select at least one operation</source>
        <translation>블록은 연산으로 만듭니다. 연산을 하나 이상 선택하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="70"/>
        <source>more than one value leaves the selection ({nodes}); a block has one output</source>
        <translation>선택한 부분에서 값이 둘 이상 나갑니다 ({nodes}). 블록의 출력은 하나입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="72"/>
        <source>the selection's value is not used and is not the output</source>
        <translation>선택한 부분의 값이 쓰이지 않고 출력도 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="73"/>
        <source>the selection reads {count} values; a block takes at most {limit}</source>
        <translation>선택한 부분이 값 {count}개를 읽습니다. 블록의 입력은 {limit}개까지입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="74"/>
        <source>{node} is not a composite block</source>
        <translation>{node}은(는) 복합 블록이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="75"/>
        <source>a block called {name!r} exists already</source>
        <translation>{name!r}이라는 블록이 이미 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite.py" line="76"/>
        <source>this graph has another block called {name!r}</source>
        <translation>이 그래프에는 {name!r}이라는 다른 블록이 있습니다</translation>
    </message>
</context>
<context>
    <name>composite_rules</name>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="39"/>
        <source>block {name}: the fused rule for {input!r}: {reason}</source>
        <translation>블록 {name}: {input!r}의 합친 미분 규칙: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="40"/>
        <source>block {name}: the fused rule for {input!r} uses {other!r}, which is neither an input of the block nor {upstream!r}</source>
        <translation>블록 {name}: {input!r}의 합친 미분 규칙이 블록의 입력도 {upstream!r}도 아닌 {other!r}을(를) 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="42"/>
        <source>{input}: the rule agrees with the block's graph at {points} point(s) (largest difference {error})</source>
        <translation>{input}: 규칙이 {points}개의 점에서 블록의 그래프와 일치합니다 (가장 큰 차이 {error})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="44"/>
        <source>{input}: the rule gives {got} where the block's graph gives {expected} (at {point}, upstream {upstream})</source>
        <translation>{input}: 블록의 그래프는 {expected}인데 규칙은 {got}입니다 ({point}, upstream {upstream})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="46"/>
        <source>{input}: no fused rule written; the block's graph is used</source>
        <translation>{input}: 합친 미분 규칙이 없습니다. 블록의 그래프를 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="47"/>
        <source>{input}: the rule cannot be evaluated at {point}: {reason}</source>
        <translation>{input}: {point}에서 규칙을 계산할 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="48"/>
        <source>{input}: the rule's value has shape {got}, the input has shape {expected}</source>
        <translation>{input}: 규칙의 값의 크기는 {got}인데 입력의 크기는 {expected}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/composite_rules.py" line="49"/>
        <source>the block cannot be evaluated near this point: {reason}</source>
        <translation>이 점 근처에서 블록을 계산할 수 없습니다: {reason}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="24"/>
        <source>upstream gradient: {reason}</source>
        <translation>상류층 미분계수: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="25"/>
        <source>the graph is empty: add an input and an operation</source>
        <translation>그래프가 비어 있습니다: 입력과 연산을 추가하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="26"/>
        <location filename="../../autodiff_gui/core/graph.py" line="69"/>
        <source>there is no node {node}</source>
        <translation>노드 {node}이(가) 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="27"/>
        <location filename="../../autodiff_gui/core/graph.py" line="89"/>
        <source>{node} needs its {slot!r} argument</source>
        <translation>{node}에 {slot!r} 인자가 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="28"/>
        <location filename="../../autodiff_gui/core/session.py" line="42"/>
        <source>there is no input called {name!r}</source>
        <translation>{name!r}(이)라는 입력이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="29"/>
        <location filename="../../autodiff_gui/core/graph.py" line="77"/>
        <source>value of {name}: {reason}</source>
        <translation>{name}의 값: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="30"/>
        <source>initial gradient: there is no input called {name!r}</source>
        <translation>초기 미분계수: {name!r}(이)라는 입력이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="31"/>
        <source>initial gradient of {name}: {reason}</source>
        <translation>{name}의 초기 미분계수: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="32"/>
        <source>the initial gradient of {name} has shape {got}, but {name} has shape {want}</source>
        <translation>{name}의 초기 미분계수의 크기는 {got}인데 {name}의 크기는 {want}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="34"/>
        <source>the accumulated gradient is not finite (overflow)</source>
        <translation>누적된 미분계수가 유한한 값이 아닙니다 (오버플로)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="35"/>
        <source>the upstream gradient has shape {got}, but the output has shape {want}</source>
        <translation>상류층 미분계수의 크기는 {got}인데 출력의 크기는 {want}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="36"/>
        <source>there is no input called {wrt!r} on the way to the output</source>
        <translation>출력으로 이어지는 {wrt!r}(이)라는 입력이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="37"/>
        <source>tangent of {wrt}: {reason}</source>
        <translation>{wrt}의 접선 미분값: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="38"/>
        <source>the tangent of {wrt} must have shape {shape}</source>
        <translation>{wrt}의 접선 미분값은 크기가 {shape}여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="39"/>
        <source>shapes {shapes} do not fit {op}: {detail}</source>
        <translation>크기 {shapes}은(는) {op}에 맞지 않습니다: {detail}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="40"/>
        <source>arrays combine element by element only where, axis by axis from the last, the lengths are equal or one of them is 1</source>
        <translation>배열은 마지막 축부터 축마다 길이가 같거나 한쪽이 1일 때에만 원소별로 계산됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="42"/>
        <source>the shapes do not match</source>
        <translation>크기가 서로 맞지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="43"/>
        <source>the result is not a finite number (overflow)</source>
        <translation>결과가 유한한 수가 아닙니다 (오버플로)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="44"/>
        <source>the derivative {formula} is not finite here (at {args})</source>
        <translation>미분계수 {formula}이(가) 이 점({args})에서 유한하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="45"/>
        <source>the gradient collected at {label} is not finite (overflow): {before} + {amount}</source>
        <translation>{label}에 모인 미분계수가 유한하지 않습니다 (오버플로): {before} + {amount}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="47"/>
        <source>forward mode needs an input to carry the tangent of</source>
        <translation>포워드 모드에는 접선 미분값을 전달할 입력이 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/engine/base.py" line="48"/>
        <source>unknown mode {mode!r}</source>
        <translation>알 수 없는 모드 {mode!r}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="62"/>
        <source>not a real number: {value!r}</source>
        <translation>실수가 아닙니다: {value!r}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="63"/>
        <source>not an array of real numbers (dtype {dtype})</source>
        <translation>실수 배열이 아닙니다 (dtype {dtype})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="64"/>
        <source>not a number or a rectangular array of numbers: {value!r}</source>
        <translation>숫자도, 직사각형으로 채워진 숫자 배열도 아닙니다: {value!r}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="65"/>
        <source>arrays must be rectangular</source>
        <translation>배열은 직사각형으로 채워져 있어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="66"/>
        <source>values must be finite (no nan or inf)</source>
        <translation>값은 유한해야 합니다 (nan이나 inf는 안 됨)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="67"/>
        <source>arrays must not be empty</source>
        <translation>배열이 비어 있으면 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="68"/>
        <source>arrays may have at most {limit} axes, not {ndim}</source>
        <translation>배열의 축은 최대 {limit}개입니다 ({ndim}개는 안 됩니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="70"/>
        <source>node ids are whole numbers ≥ 0, not {node_id!r}</source>
        <translation>노드 id는 0 이상의 정수여야 합니다. {node_id!r}은(는) 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="71"/>
        <source>node {node_id} exists already</source>
        <translation>노드 {node_id}이(가) 이미 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="72"/>
        <source>{name!r} is not a valid name (letters, digits, _; not starting with a digit)</source>
        <translation>{name!r}은(는) 올바른 이름이 아닙니다 (문자, 숫자, _만 쓰고 숫자로 시작하지 않아야 함)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="73"/>
        <source>{name!r} is a reserved word of Python</source>
        <translation>{name!r}은(는) Python의 예약어입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="74"/>
        <source>{name!r} is the name of a function</source>
        <translation>{name!r}은(는) 함수 이름입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="75"/>
        <source>an input called {name!r} exists already</source>
        <translation>{name!r}(이)라는 입력이 이미 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="76"/>
        <source>a block called {name!r} exists already</source>
        <translation>{name!r}이라는 블록이 이미 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="78"/>
        <source>constant: {reason}</source>
        <translation>상수: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="79"/>
        <source>unknown operation {op!r}</source>
        <translation>알 수 없는 연산 {op!r}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="80"/>
        <source>{op} takes {arity} argument(s), not {count}</source>
        <translation>{op}의 인자는 {count}개가 아니라 {arity}개입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="81"/>
        <source>{node} takes no arguments</source>
        <translation>{node}은(는) 인자를 받지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="82"/>
        <source>{op} has {arity} argument slot(s); no slot {slot}</source>
        <translation>{op}의 인자 슬롯은 {arity}개입니다. 슬롯 {slot}은(는) 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="83"/>
        <source>a block cannot feed itself</source>
        <translation>블록을 자기 자신에 연결할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="84"/>
        <source>slot {slot!r} of {node} is taken</source>
        <translation>{node}의 슬롯 {slot!r}은(는) 이미 연결되어 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="85"/>
        <source>that wire would make a cycle: {dst} already feeds {src}</source>
        <translation>이 연결선은 순환을 만듭니다: {dst}이(가) 이미 {src}에 값을 보냅니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="86"/>
        <source>{node} has no value of its own</source>
        <translation>{node}에는 자신의 값이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="87"/>
        <source>only inputs and operations have names</source>
        <translation>이름은 입력과 연산에만 붙일 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="88"/>
        <source>the graph is empty</source>
        <translation>그래프가 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="90"/>
        <source>a position is two numbers, not {pos!r}</source>
        <translation>위치는 숫자 두 개여야 합니다. {pos!r}은(는) 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="91"/>
        <source>a position must be finite</source>
        <translation>위치는 유한해야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="92"/>
        <source>constant {value}</source>
        <translation>상수 {value}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="93"/>
        <source>there is no block called {block!r}</source>
        <translation>{block!r}이라는 블록이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="94"/>
        <source>block {block!r} is used by {count} node(s) or block(s); remove them first</source>
        <translation>블록 {block!r}을(를) 노드나 블록 {count}개가 쓰고 있습니다. 먼저 그것들을 지우세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="95"/>
        <source>block {block!r} is used with {old} argument(s); a new definition must keep them</source>
        <translation>블록 {block!r}은(는) 인수 {old}개로 쓰이고 있습니다. 새 정의도 같은 수의 인수를 받아야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="97"/>
        <source>{op}: {reason}</source>
        <translation>{op}: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/graph.py" line="98"/>
        <source>only operations have parameters</source>
        <translation>매개변수는 연산에만 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/session.py" line="43"/>
        <source>gradient of {name}: {reason}</source>
        <translation>{name}의 그래디언트: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/session.py" line="44"/>
        <source>the gradient of {name} has shape {got}, but {name} has shape {want}</source>
        <translation>{name}의 그래디언트 크기는 {got}인데 {name}의 크기는 {want}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/session.py" line="45"/>
        <source>the accumulated gradient of {name} is not finite (overflow)</source>
        <translation>{name}의 누적 그래디언트가 유한한 값이 아닙니다 (오버플로)</translation>
    </message>
</context>
<context>
    <name>course</name>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="63"/>
        <source>Forward pass: predict the value. {formula} = ?</source>
        <translation>순전파: 값을 예측하세요. {formula} = ?</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="64"/>
        <source>Backward pass through {line}: predict {symbol}.</source>
        <translation>역전파, {line}: {symbol}의 값을 예측하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="65"/>
        <source>Backward pass through {line}: predict the contribution to {symbol} through {out} ({k} of {n}).</source>
        <translation>역전파, {line}: {out}에서 {symbol}에 더해지는 기여분을 예측하세요 (기여분 {n}개 중 {k}번째).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="67"/>
        <source>Backward pass through {line}: predict {symbol} after adding the contribution through {out} ({k} of {n} contributions).</source>
        <translation>역전파, {line}: {out}에서 온 기여분을 더한 뒤의 {symbol}의 값을 예측하세요 (기여분 {n}개 중 {k}번째).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="69"/>
        <source>Forward mode through {line}: predict {symbol}.</source>
        <translation>포워드 모드, {line}: {symbol}의 값을 예측하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="71"/>
        <source>Type a number or an expression first, e.g. 0.5 or 2*log(2).</source>
        <translation>먼저 숫자나 식을 입력하세요. 예: 0.5 또는 2*log(2)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="72"/>
        <source>{names}: not known here. Use numbers, or the names of values computed before this step.</source>
        <translation>{names}: 여기서는 알 수 없는 이름입니다. 숫자나, 이 단계 전에 계산된 값의 이름을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="74"/>
        <source>That is not a number: {reason}</source>
        <translation>숫자가 아닙니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="76"/>
        <source>Product rule swapped: you multiplied by {own} = {own_value}, the factor itself. The derivative of a product with respect to one factor is the other factor: ∂{expr}/∂{own} = {other}.</source>
        <translation>곱의 법칙이 뒤바뀌었습니다: 인수 자신({own} = {own_value})을 곱했습니다. 곱을 한 인수로 미분하면 다른 인수가 남습니다: ∂{expr}/∂{own} = {other}.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="79"/>
        <source>That is only the contribution through {out}. {src} is used {n} times, so its gradient is the sum of all its contributions: add what the earlier paths sent ({before}).</source>
        <translation>{out}에서 온 기여분뿐입니다. {src}의 값은 {n}곳에서 쓰이므로 {src}의 그래디언트는 모든 기여분의 합입니다: 앞의 경로에서 온 값({before})을 더하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="82"/>
        <source>That is only what the earlier paths sent to {src}: add this step's contribution through {out}.</source>
        <translation>앞의 경로에서 {src}에 온 값뿐입니다: 이 단계에서 {out}에서 오는 기여분을 더하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="84"/>
        <source>That is only the term through {arg}. {out} depends on {wrt} through more than one argument: add the terms of all of them.</source>
        <translation>인수 {arg}의 항 하나뿐입니다. {out}의 값은 둘 이상의 인수를 거쳐 {wrt}에 의존하므로 모든 항을 더하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="86"/>
        <source>That is the local derivative alone ({local}): the chain rule multiplies it by the gradient arriving from above, {g} = {dout}.</source>
        <translation>국소 미분계수({local})만 있습니다: 연쇄 법칙은 여기에 위에서 내려오는 미분계수({g} = {dout})를 곱합니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="88"/>
        <source>That leaves out the upstream gradient {v} = {value} given at the output (grad_tensors): this pass computes ∂L/∂· with L = {v}·f, so every gradient is {value} times ∂f/∂·.</source>
        <translation>출력에 주어진 상류층 미분계수({v} = {value}, grad_tensors)가 빠졌습니다: 이 전파는 L = {v}·f로 ∂L/∂·을 계산하므로 모든 그래디언트가 ∂f/∂·의 {value}배입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="91"/>
        <source>That adds the gradient of an earlier run ({carried}). The backward pass computes this run's {symbol}, starting from zero; PyTorch adds runs up in .grad only when zero_grad() is not called between them.</source>
        <translation>앞선 실행의 그래디언트({carried})가 더해졌습니다. 역전파는 이번 실행의 {symbol}의 값을 0에서부터 계산합니다. PyTorch는 실행 사이에 zero_grad()를 부르지 않을 때만 .grad에 덮어쓰지 않고 누적합니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="94"/>
        <source>That is the local derivative alone: multiply it by the tangent that comes in with the argument (∂{arg}/∂{wrt}).</source>
        <translation>국소 미분계수만 있습니다: 인수와 함께 들어오는 접선 미분값(∂{arg}/∂{wrt})을 곱하세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="96"/>
        <source>The operands are the other way round: the value is {formula}, in this order.</source>
        <translation>피연산자의 순서가 바뀌었습니다: 값은 이 순서대로 {formula}입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="98"/>
        <source>Right size, wrong sign: check the sign of each factor ({rule}).</source>
        <translation>크기는 맞지만 부호가 틀렸습니다: 각 인수의 부호를 확인하세요 ({rule}).</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="99"/>
        <source>Right size, wrong sign.</source>
        <translation>크기는 맞지만 부호가 틀렸습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="100"/>
        <source>Close, but not within 0.1 %: give 4 significant digits, or an exact expression such as 2*log(2).</source>
        <translation>가깝지만 0.1 % 안에 들지 않습니다: 유효숫자 4자리로 쓰거나, 2*log(2)처럼 정확한 식으로 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="102"/>
        <source>{symbol} is {want}; your answer is {got}.</source>
        <translation>{symbol}의 값은 {want}인데, 입력한 답은 {got}입니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="103"/>
        <source>a number</source>
        <translation>숫자 하나</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="104"/>
        <source>an array of shape {shape}</source>
        <translation>크기가 {shape}인 배열</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="105"/>
        <source>Not one of the usual mistakes.</source>
        <translation>흔한 실수에 해당하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/course/predict.py" line="107"/>
        <source>{first} of {total} right on the first try, {second} on the second, {revealed} revealed</source>
        <translation>{total}개 중 첫 시도에 {first}개, 두 번째 시도에 {second}개 정답, {revealed}개 답 보기</translation>
    </message>
</context>
<context>
    <name>expr</name>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="46"/>
        <source>{name} is assigned twice (first in line {line}): give the new value another name</source>
        <translation>{name}에 값을 두 번 대입했습니다 (처음은 {line}번째 줄): 새 값에는 다른 이름을 붙이세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="48"/>
        <source>{name} is used before it is assigned: move its statement up</source>
        <translation>{name}을(를) 대입하기 전에 썼습니다: 그 문장을 위로 옮기세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="49"/>
        <source>{name} = … uses {name} itself: give the new value another name, as in {name}2 = …</source>
        <translation>{name} = … 에서 {name} 자신을 썼습니다: 새 값에는 {name}2 = … 처럼 다른 이름을 붙이세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="51"/>
        <source>{name} is a function: give the value another name</source>
        <translation>{name}은(는) 함수입니다: 값에는 다른 이름을 붙이세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="52"/>
        <source>'{name}' is a Python keyword: give the value another name</source>
        <translation>'{name}'은(는) 파이썬 키워드입니다: 값에는 다른 이름을 붙이세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="53"/>
        <source>nothing after '=': write what {name} is, as in {name} = x**2</source>
        <translation>'=' 뒤가 비어 있습니다: {name} = x**2처럼 {name}이(가) 무엇인지 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="54"/>
        <source>empty statement: remove the extra ';'</source>
        <translation>빈 문장입니다: 남는 ';'를 지우세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="55"/>
        <source>only the last statement may be a bare expression: give this one a name, as in a = …</source>
        <translation>이름 없는 식은 마지막 문장에만 쓸 수 있습니다: a = … 처럼 이 식에 이름을 붙이세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="57"/>
        <source>{name} = {other} only gives {other} a second name: a name is given to an operation, as in {name} = 2*{other}</source>
        <translation>{name} = {other}은(는) {other}에 이름을 하나 더 붙일 뿐입니다: 이름은 {name} = 2*{other}처럼 연산에 붙입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/program.py" line="59"/>
        <source>{name} = {number} names a number: write the number where it is used</source>
        <translation>{name} = {number}은(는) 숫자에 이름을 붙입니다: 숫자는 쓰는 자리에 바로 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="14"/>
        <source>the expression is empty</source>
        <translation>식이 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="15"/>
        <source>unexpected character '{char}'</source>
        <translation>예상하지 못한 문자 '{char}'</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="16"/>
        <source>text in quotes is not allowed: use numbers, names, operators and functions</source>
        <translation>따옴표 안의 글자는 쓸 수 없습니다: 숫자, 이름, 연산자, 함수를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="17"/>
        <source>use ** for powers: x**2, not x^2</source>
        <translation>거듭제곱은 **로 씁니다: x^2가 아니라 x**2</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="18"/>
        <source>// is not supported: use / to divide</source>
        <translation>//는 지원하지 않습니다: 나눗셈은 /를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="19"/>
        <source>% is not supported</source>
        <translation>%는 지원하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="20"/>
        <source>';' separates statements: it cannot stand inside brackets</source>
        <translation>';'는 문장을 나눕니다: 괄호 안에는 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="21"/>
        <source>comparisons like '{text}' are not supported</source>
        <translation>'{text}' 같은 비교는 지원하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="22"/>
        <source>use '{ascii}' instead of '{char}'</source>
        <translation>'{char}' 대신 '{ascii}'를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="23"/>
        <source>use ** for powers: x**2, not x²</source>
        <translation>거듭제곱은 **로 씁니다: x²가 아니라 x**2</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="24"/>
        <source>'?' marks a missing argument: replace it with an expression</source>
        <translation>'?'는 빠진 인자를 뜻합니다: 식으로 바꾸세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="25"/>
        <source>'{char}' cannot be part of a name: names use the letters A-Z, a-z, digits and _</source>
        <translation>'{char}'는 이름에 쓸 수 없습니다: 이름에는 A-Z, a-z, 숫자, _만 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="27"/>
        <source>'{text}' is not a valid number</source>
        <translation>'{text}'는 올바른 숫자가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="28"/>
        <source>'{text}' is an incomplete number: an exponent needs digits, as in 1e-3</source>
        <translation>'{text}'는 완성되지 않은 숫자입니다: 1e-3처럼 지수에 숫자가 있어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="30"/>
        <source>the number {text} is too large (it is not finite)</source>
        <translation>숫자 {text}이(가) 너무 큽니다 (유한하지 않음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="31"/>
        <source>'{name}' is a Python keyword and cannot be used in an expression</source>
        <translation>'{name}'는 Python 키워드라서 식에 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="32"/>
        <source>{name} is a function: call it as {name}(...)</source>
        <translation>{name}은(는) 함수입니다: {name}(...)처럼 호출하세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="33"/>
        <source>unknown function '{name}'; did you mean {suggestions}?</source>
        <translation>알 수 없는 함수 '{name}'. {suggestions}을(를) 뜻했나요?</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="34"/>
        <source>unknown function '{name}'; the functions are: {known}</source>
        <translation>알 수 없는 함수 '{name}'. 쓸 수 있는 함수: {known}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="35"/>
        <source>{name} takes 1 argument, got {count}: write {usage}</source>
        <translation>{name}의 인자는 1개인데 {count}개를 받았습니다: {usage}처럼 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="36"/>
        <source>{name} takes {arity} arguments, got {count}: write {usage}</source>
        <translation>{name}의 인자는 {arity}개인데 {count}개를 받았습니다: {usage}처럼 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="37"/>
        <source>the expression cannot start with '{token}'</source>
        <translation>식은 '{token}'(으)로 시작할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="38"/>
        <source>expected a number, a name or '(' after '{prev}', not '{token}'</source>
        <translation>'{prev}' 다음에는 '{token}'이 아니라 숫자, 이름 또는 '('가 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="39"/>
        <source>the expression ends too early: something is missing after '{prev}'</source>
        <translation>식이 너무 일찍 끝납니다: '{prev}' 다음에 무언가 빠졌습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="40"/>
        <source>empty parentheses: put an expression inside</source>
        <translation>괄호가 비어 있습니다: 안에 식을 넣으세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="41"/>
        <source>missing operator between '{prev}' and '{token}': did you mean {prev}*{token}?</source>
        <translation>'{prev}'와 '{token}' 사이에 연산자가 없습니다: {prev}*{token}을(를) 뜻했나요?</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="43"/>
        <source>missing operator before '{token}': use * to multiply</source>
        <translation>'{token}' 앞에 연산자가 없습니다: 곱셈은 *를 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="44"/>
        <source>')' has no matching '('</source>
        <translation>')'에 짝이 맞는 '('가 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="45"/>
        <source>'(' is never closed</source>
        <translation>'('가 닫히지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="46"/>
        <source>',' can only separate the arguments of a function, as in pow(x, 3)</source>
        <translation>','는 pow(x, 3)처럼 함수의 인자를 구분할 때만 씁니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="47"/>
        <source>indexing like x[0] is not supported</source>
        <translation>x[0] 같은 인덱싱은 지원하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="48"/>
        <source>attribute access like x.y is not allowed</source>
        <translation>x.y 같은 속성 접근은 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="49"/>
        <source>unexpected '.'</source>
        <translation>예상하지 못한 '.'</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="50"/>
        <source>'=' can only follow the name at the start of a statement, as in a = x**2</source>
        <translation>'='는 a = x**2처럼 문장 맨 앞의 이름 뒤에만 쓸 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="52"/>
        <source>keyword arguments are not supported: pass arguments in order, as in pow(x, 3)</source>
        <translation>키워드 인자는 지원하지 않습니다: pow(x, 3)처럼 인자를 순서대로 넘기세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="54"/>
        <source>an array may contain only numbers, not '{token}'</source>
        <translation>배열에는 숫자만 넣을 수 있습니다. '{token}'은(는) 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="55"/>
        <source>an array must not be empty</source>
        <translation>배열이 비어 있으면 안 됩니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="57"/>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="58"/>
        <source>a list of 1 number</source>
        <translation>숫자 1개의 리스트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="59"/>
        <source>a list of {n} numbers</source>
        <translation>숫자 {n}개의 리스트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="60"/>
        <source>a list of shape {shape}</source>
        <translation>크기 {shape}의 리스트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="61"/>
        <source>an array must be rectangular: this element is {got}, the first is {first}</source>
        <translation>배열은 직사각형으로 채워져 있어야 합니다: 이 원소는 {got}인데 첫 원소는 {first}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="62"/>
        <source>expected ',' or ']' in the array, not '{token}'</source>
        <translation>배열에서 '{token}'이 아니라 ',' 또는 ']'가 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="63"/>
        <source>'[' is never closed</source>
        <translation>'['가 닫히지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="64"/>
        <source>']' has no matching '['</source>
        <translation>']'에 짝이 맞는 '['가 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="65"/>
        <source>an array may have at most {limit} axes</source>
        <translation>배열의 축은 최대 {limit}개입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="66"/>
        <source>value of {name}: {reason}</source>
        <translation>{name}의 값: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="68"/>
        <source>{name} of {op} must be written as a number, None or a tuple of numbers, not '{token}'</source>
        <translation>{op}의 {name}은(는) 숫자, None 또는 숫자 튜플로 써야 합니다. '{token}'은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="70"/>
        <source>{op} takes {count} parameter(s) after its argument(s): write {usage}</source>
        <translation>{op}은(는) 인자 뒤에 매개변수를 {count}개까지 받습니다: {usage}처럼 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="71"/>
        <source>{op}: {reason}</source>
        <translation>{op}: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="72"/>
        <source>an index is a whole number or a slice like 1:3, not '{token}'</source>
        <translation>인덱스는 정수나 1:3 같은 슬라이스입니다. '{token}'은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/expr/tokens.py" line="73"/>
        <source>':' can only be used in an index, as in x[1:3]</source>
        <translation>':'은 x[1:3]처럼 인덱스 안에서만 쓸 수 있습니다</translation>
    </message>
</context>
<context>
    <name>fileio</name>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="107"/>
        <source>this is a folder, not a file</source>
        <translation>파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="108"/>
        <source>this is not a regular file</source>
        <translation>일반 파일이 아닙니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="109"/>
        <source>no such file</source>
        <translation>그런 파일이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="110"/>
        <source>permission denied</source>
        <translation>읽을 권한이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="111"/>
        <source>cannot read the file: {reason}</source>
        <translation>파일을 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="112"/>
        <source>the file is too large ({size}; the limit is {limit})</source>
        <translation>파일이 너무 큽니다 ({size}, 한도는 {limit})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="113"/>
        <source>not UTF-8 text (byte 0x{byte} at offset {offset})</source>
        <translation>UTF-8 텍스트가 아닙니다 (오프셋 {offset}의 바이트 0x{byte})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="114"/>
        <source>not UTF-8 text (offset {offset})</source>
        <translation>UTF-8 텍스트가 아닙니다 (오프셋 {offset})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="115"/>
        <source>not valid JSON: line {line} column {column}: {reason}</source>
        <translation>올바른 JSON이 아닙니다: {line}행 {column}열: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="116"/>
        <source>not a usable JSON document: nested too deeply</source>
        <translation>쓸 수 있는 JSON 문서가 아닙니다: 너무 깊이 중첩되어 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="117"/>
        <source>not valid JSON: {reason}</source>
        <translation>올바른 JSON이 아닙니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="118"/>
        <source>not an Autodiff Studio document: expected a JSON object, found {found}</source>
        <translation>Autodiff Studio 문서가 아닙니다: JSON 객체 대신 {found}이(가) 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="119"/>
        <source>not an Autodiff Studio document: no 'format' key</source>
        <translation>Autodiff Studio 문서가 아닙니다: 'format' 키가 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="120"/>
        <source>not an Autodiff Studio document: the format is {found}, expected {expected}</source>
        <translation>Autodiff Studio 문서가 아닙니다: 형식이 {expected}가 아니라 {found}입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="122"/>
        <source>made by a newer version of Autodiff Studio (version {version}); this one reads version {ours}</source>
        <translation>더 새로운 버전의 Autodiff Studio로 만든 파일입니다 (버전 {version}). 이 프로그램은 버전 {ours}까지 읽습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="125"/>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="126"/>
        <source>a string</source>
        <translation>문자열</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="127"/>
        <source>a list</source>
        <translation>리스트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="129"/>
        <source>Expecting value</source>
        <translation>값이 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="130"/>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>큰따옴표로 감싼 키 이름이 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="131"/>
        <source>Expecting ':' delimiter</source>
        <translation>':' 구분자가 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="132"/>
        <source>Expecting ',' delimiter</source>
        <translation>',' 구분자가 와야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="133"/>
        <source>Unterminated string starting at</source>
        <translation>여기서 시작한 문자열이 닫히지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="134"/>
        <source>Invalid control character at</source>
        <translation>여기에 쓸 수 없는 제어 문자가 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="135"/>
        <source>Invalid \escape</source>
        <translation>잘못된 \ 이스케이프입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="136"/>
        <source>Invalid \uXXXX escape</source>
        <translation>잘못된 \uXXXX 이스케이프입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/fileio.py" line="137"/>
        <source>Extra data</source>
        <translation>JSON 값 뒤에 남는 데이터가 있습니다</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="24"/>
        <source>a negative base needs a whole-number exponent</source>
        <translation>밑이 음수이면 지수는 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="25"/>
        <source>zero cannot be raised to a negative power</source>
        <translation>0은 음수 제곱을 할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="26"/>
        <source>log needs inputs greater than 0</source>
        <translation>log의 입력은 0보다 커야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="27"/>
        <source>sqrt needs inputs of 0 or more</source>
        <translation>sqrt의 입력은 0 이상이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="28"/>
        <source>division by zero</source>
        <translation>0으로 나누기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="29"/>
        <source>tan is infinite at odd multiples of π/2</source>
        <translation>tan은 π/2의 홀수 배에서 무한대입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="30"/>
        <source>@ needs vectors or matrices, not scalars</source>
        <translation>@에는 스칼라가 아니라 벡터나 행렬이 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="31"/>
        <source>@ takes vectors and matrices (at most 2 axes)</source>
        <translation>@는 벡터와 행렬(축 2개 이하)만 받습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="32"/>
        <source>@ needs the last axis of A as long as the first axis of B</source>
        <translation>@는 A의 마지막 축 길이가 B의 첫 번째 축 길이와 같아야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="221"/>
        <source>natural logarithm</source>
        <translation>자연로그</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="229"/>
        <source>square root</source>
        <translation>제곱근</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="234"/>
        <source>sine</source>
        <translation>사인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="239"/>
        <source>cosine</source>
        <translation>코사인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="245"/>
        <source>tangent</source>
        <translation>탄젠트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="249"/>
        <source>∂|α|/∂α = sign(α)  (0 at α = 0)</source>
        <translation>∂|α|/∂α = sign(α)  (α = 0에서는 0)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="252"/>
        <source>absolute value</source>
        <translation>절댓값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="260"/>
        <source>hyperbolic tangent</source>
        <translation>쌍곡탄젠트</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="268"/>
        <source>logistic sigmoid 1/(1+e⁻ᵃ)</source>
        <translation>로지스틱 시그모이드 1/(1+e⁻ᵃ)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="275"/>
        <source>∂relu(α)/∂α = 1 if α &gt; 0, else 0</source>
        <translation>∂relu(α)/∂α = α &gt; 0이면 1, 아니면 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/basic.py" line="289"/>
        <source>matrix product</source>
        <translation>행렬 곱</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="33"/>
        <source>asin needs inputs between −1 and 1</source>
        <translation>asin의 입력은 −1과 1 사이여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="34"/>
        <source>acos needs inputs between −1 and 1</source>
        <translation>acos의 입력은 −1과 1 사이여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="35"/>
        <source>log1p needs inputs greater than −1</source>
        <translation>log1p의 입력은 −1보다 커야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="36"/>
        <source>log2 needs inputs greater than 0</source>
        <translation>log2의 입력은 0보다 커야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="37"/>
        <source>log10 needs inputs greater than 0</source>
        <translation>log10의 입력은 0보다 커야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="38"/>
        <source>1/a is infinite at 0: reciprocal needs inputs other than 0</source>
        <translation>1/a는 0에서 무한대입니다: reciprocal의 입력은 0이 아니어야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="178"/>
        <source>hyperbolic sine</source>
        <translation>쌍곡사인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="182"/>
        <source>hyperbolic cosine</source>
        <translation>쌍곡코사인</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="186"/>
        <source>inverse sine (arcsine) of a, for −1 ≤ a ≤ 1</source>
        <translation>a의 역사인(아크사인), −1 ≤ a ≤ 1에서</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="194"/>
        <source>inverse cosine (arccosine) of a, for −1 ≤ a ≤ 1</source>
        <translation>a의 역코사인(아크코사인), −1 ≤ a ≤ 1에서</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="201"/>
        <source>inverse tangent (arctangent)</source>
        <translation>역탄젠트(아크탄젠트)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="206"/>
        <source>a², the same as a ** 2</source>
        <translation>a², a ** 2와 같습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="210"/>
        <source>1/a, for a ≠ 0</source>
        <translation>1/a, a ≠ 0에서</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="215"/>
        <source>2ᵃ, two to the power a</source>
        <translation>2ᵃ, 2의 a제곱</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="219"/>
        <source>eᵃ − 1, accurate when a is close to 0</source>
        <translation>eᵃ − 1, a가 0에 가까울 때도 정확합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="223"/>
        <source>base-2 logarithm</source>
        <translation>밑이 2인 로그</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="228"/>
        <source>base-10 logarithm</source>
        <translation>밑이 10인 로그 (상용로그)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="233"/>
        <source>log(1 + a), accurate when a is close to 0</source>
        <translation>log(1 + a), a가 0에 가까울 때도 정확합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="239"/>
        <source>∂softplus(α)/∂α = σ(α); 1 for α &gt; 20, where PyTorch's softplus is α itself</source>
        <translation>∂softplus(α)/∂α = σ(α); α &gt; 20에서는 1 (PyTorch의 softplus가 거기서 α 자신이므로)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="241"/>
        <source>log(1 + eᵃ), a smooth relu (a itself above 20, as in PyTorch)</source>
        <translation>log(1 + eᵃ), 매끄러운 relu (PyTorch처럼 20보다 크면 a 자신)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="248"/>
        <source>∂leaky_relu(α)/∂α = 1 if α &gt; 0, else the slope (the slope at α = 0, as in PyTorch)</source>
        <translation>∂leaky_relu(α)/∂α = α &gt; 0이면 1, 아니면 기울기 (α = 0에서는 PyTorch처럼 기울기)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="250"/>
        <source>a if a &gt; 0, else slope·a (slope 0.01 unless given)</source>
        <translation>a &gt; 0이면 a, 아니면 기울기·a (기울기를 주지 않으면 0.01)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="257"/>
        <source>∂sign(α)/∂α = 0 (also at α = 0, as in PyTorch)</source>
        <translation>∂sign(α)/∂α = 0 (PyTorch처럼 α = 0에서도)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="258"/>
        <source>sign of a: −1, 0 or 1</source>
        <translation>a의 부호: −1, 0 또는 1</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="263"/>
        <source>∂maximum(α, β)/∂α = 1 if α &gt; β, 0 if α &lt; β, ½ at a tie (as in PyTorch)</source>
        <translation>∂maximum(α, β)/∂α = α &gt; β이면 1, α &lt; β이면 0, 같으면 ½ (PyTorch처럼)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="264"/>
        <source>∂maximum(α, β)/∂β = 1 if β &gt; α, 0 if β &lt; α, ½ at a tie (as in PyTorch)</source>
        <translation>∂maximum(α, β)/∂β = β &gt; α이면 1, β &lt; α이면 0, 같으면 ½ (PyTorch처럼)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="270"/>
        <source>the larger of a and b, element by element</source>
        <translation>a와 b 중 큰 값, 원소별로</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="275"/>
        <source>∂minimum(α, β)/∂α = 1 if α &lt; β, 0 if α &gt; β, ½ at a tie (as in PyTorch)</source>
        <translation>∂minimum(α, β)/∂α = α &lt; β이면 1, α &gt; β이면 0, 같으면 ½ (PyTorch처럼)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="276"/>
        <source>∂minimum(α, β)/∂β = 1 if β &lt; α, 0 if β &gt; α, ½ at a tie (as in PyTorch)</source>
        <translation>∂minimum(α, β)/∂β = β &lt; α이면 1, β &gt; α이면 0, 같으면 ½ (PyTorch처럼)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="282"/>
        <source>the smaller of a and b, element by element</source>
        <translation>a와 b 중 작은 값, 원소별로</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="286"/>
        <source>∂clamp(α, lo, hi)/∂α = 1 if lo ≤ α ≤ hi (1 at the bounds too, as in PyTorch), else 0</source>
        <translation>∂clamp(α, lo, hi)/∂α = lo ≤ α ≤ hi이면 1 (PyTorch처럼 경계에서도 1), 아니면 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/elementwise.py" line="288"/>
        <source>a limited to the interval [lo, hi]</source>
        <translation>a를 구간 [lo, hi] 안으로 자른 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="31"/>
        <source>cross_entropy needs logits of shape (classes,) or (batch, classes)</source>
        <translation>cross_entropy에는 크기가 (클래스,) 또는 (배치, 클래스)인 로짓이 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="32"/>
        <source>cross_entropy needs a target of the logits' shape (probabilities) or one class index per row, with the shape of the logits without their last axis</source>
        <translation>cross_entropy의 타깃은 로짓과 크기가 같은 확률이거나, 행마다 클래스 인덱스 하나(로짓의 마지막 축을 뺀 크기)여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="35"/>
        <source>a class index must be a whole number from 0 to the number of classes − 1</source>
        <translation>클래스 인덱스는 0부터 클래스 수 − 1까지의 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="36"/>
        <source>a class index has no derivative: write the class as a number, or give the target as probabilities of the logits' shape</source>
        <translation>클래스 인덱스는 미분할 수 없습니다: 클래스를 숫자로 쓰거나, 타깃을 로짓과 같은 크기의 확률로 주세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="208"/>
        <source>∂mse(α, β)/∂αᵢ = 2(αᵢ − βᵢ)/n</source>
        <translation>∂mse(α, β)/∂αᵢ = 2(αᵢ − βᵢ)/n</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="208"/>
        <source>∂mse(α, β)/∂βᵢ = −2(αᵢ − βᵢ)/n</source>
        <translation>∂mse(α, β)/∂βᵢ = −2(αᵢ − βᵢ)/n</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="216"/>
        <source>mean squared error: mean((a − b)²)</source>
        <translation>평균 제곱 오차: mean((a − b)²)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="220"/>
        <source>∂CE(α, β)/∂α = (softmax(α) − p)/N  (p: β as probabilities, one-hot for a class index; N rows)</source>
        <translation>∂CE(α, β)/∂α = (softmax(α) − p)/N  (p: 확률로 본 β, 클래스 인덱스이면 원-핫; N: 행 수)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="222"/>
        <source>∂CE(α, β)/∂β = −log softmax(α)/N  (none for a class index)</source>
        <translation>∂CE(α, β)/∂β = −log softmax(α)/N  (클래스 인덱스이면 없음)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/losses.py" line="233"/>
        <source>cross-entropy of softmax(logits) against a class index or probabilities, averaged over the batch</source>
        <translation>softmax(로짓)과 클래스 인덱스 또는 확률 사이의 교차 엔트로피, 배치 평균</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="26"/>
        <source>there is no parameter {name!r} (the parameters: {known})</source>
        <translation>{name!r} 매개변수는 없습니다(매개변수: {known})</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="27"/>
        <source>takes no parameters</source>
        <translation>매개변수를 받지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="28"/>
        <source>needs its parameter {name!r}</source>
        <translation>{name!r} 매개변수가 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="29"/>
        <source>{name} must be a whole number or None, not {value}</source>
        <translation>{name}은(는) 정수나 None이어야 합니다. {value}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="30"/>
        <source>{name} must be between −{limit} and {last}, not {value}</source>
        <translation>{name}은(는) −{limit}부터 {last} 사이여야 합니다. {value}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="31"/>
        <source>{name} must be a list of whole numbers (one of them may be −1), not {value}</source>
        <translation>{name}은(는) 정수 목록이어야 합니다(하나는 −1일 수 있습니다). {value}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="33"/>
        <source>{name} may contain −1 only once</source>
        <translation>{name}에는 −1을 한 번만 쓸 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="34"/>
        <source>{name} must be a list of whole numbers and slices (start, stop, step), not {value}</source>
        <translation>{name}은(는) 정수와 슬라이스(start, stop, step)의 목록이어야 합니다. {value}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="36"/>
        <source>a slice's step must not be 0</source>
        <translation>슬라이스의 step은 0이 될 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="37"/>
        <source>{name} must be a finite number, not {value}</source>
        <translation>{name}은(는) 유한한 수여야 합니다. {value}은(는) 쓸 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/model.py" line="38"/>
        <source>{name} has too many entries ({count}; the limit is {limit})</source>
        <translation>{name}의 항목이 너무 많습니다({count}개, 한도는 {limit}개)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="34"/>
        <source>the axis is out of range for the argument's shape</source>
        <translation>축이 인자 크기의 범위를 벗어났습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="35"/>
        <source>a number's shape has no axis to reduce: leave the axis out</source>
        <translation>숫자의 크기에는 축약할 축이 없습니다: 축을 빼고 쓰세요</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="327"/>
        <source>sum of all elements, or along an axis: sum(x, 0)</source>
        <translation>모든 원소의 합, 또는 한 축을 따라 더한 합: sum(x, 0)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="339"/>
        <source>mean of all elements, or along an axis: mean(x, 0)</source>
        <translation>모든 원소의 평균, 또는 한 축을 따른 평균: mean(x, 0)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="348"/>
        <source>∂max(α)/∂αᵢ = 1 at the largest element, else 0 (k tied largest: 1/k each, as in PyTorch)</source>
        <translation>∂max(α)/∂αᵢ = 가장 큰 원소에서 1, 나머지는 0 (가장 큰 값이 k개로 같으면 PyTorch처럼 각각 1/k)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="350"/>
        <source>largest element, or along an axis: max(x, 1); a tie shares the gradient</source>
        <translation>가장 큰 원소, 또는 한 축을 따른 최댓값: max(x, 1). 같은 값이 여럿이면 그래디언트를 나눕니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="363"/>
        <source>∂min(α)/∂αᵢ = 1 at the smallest element, else 0 (k tied smallest: 1/k each, as in PyTorch)</source>
        <translation>∂min(α)/∂αᵢ = 가장 작은 원소에서 1, 나머지는 0 (가장 작은 값이 k개로 같으면 PyTorch처럼 각각 1/k)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="365"/>
        <source>smallest element, or along an axis: min(x, 1); a tie shares the gradient</source>
        <translation>가장 작은 원소, 또는 한 축을 따른 최솟값: min(x, 1). 같은 값이 여럿이면 그래디언트를 나눕니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="378"/>
        <source>∂logsumexp(α)/∂αᵢ = exp(αᵢ − logsumexp(α)) = softmax(α)ᵢ</source>
        <translation>∂logsumexp(α)/∂αᵢ = exp(αᵢ − logsumexp(α)) = softmax(α)ᵢ</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="379"/>
        <source>log of the sum of exponentials (a smooth max), or along an axis</source>
        <translation>지수 함수 값의 합의 로그(부드러운 최댓값), 또는 한 축을 따라 계산</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="389"/>
        <source>∂softmax(α)ᵢ/∂αⱼ = sᵢ·(δᵢⱼ − sⱼ), s = softmax(α)</source>
        <translation>∂softmax(α)ᵢ/∂αⱼ = sᵢ·(δᵢⱼ − sⱼ), s = softmax(α)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="390"/>
        <source>exponentials normalised to sum to 1 along an axis (the last by default)</source>
        <translation>한 축(기본은 마지막 축)을 따라 합이 1이 되도록 정규화한 지수 함수 값</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="401"/>
        <source>∂log_softmax(α)ᵢ/∂αⱼ = δᵢⱼ − softmax(α)ⱼ</source>
        <translation>∂log_softmax(α)ᵢ/∂αⱼ = δᵢⱼ − softmax(α)ⱼ</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="402"/>
        <source>log of softmax, computed stably, along an axis (the last by default)</source>
        <translation>한 축(기본은 마지막 축)을 따라 안정적으로 계산한 softmax의 로그</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="410"/>
        <source>∂‖α‖/∂αᵢ = αᵢ/‖α‖  (0 at α = 0, as in PyTorch)</source>
        <translation>∂‖α‖/∂αᵢ = αᵢ/‖α‖  (PyTorch처럼 α = 0에서는 0)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/reductions.py" line="416"/>
        <source>length of all elements as one vector: √(Σ a²)</source>
        <translation>모든 원소를 하나의 벡터로 본 길이: √(Σ a²)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="37"/>
        <source>transpose takes a matrix (a number or a vector stays as it is); this shape has more than 2 axes</source>
        <translation>transpose는 행렬을 받습니다(숫자나 벡터는 그대로 둡니다). 이 크기는 축이 2개보다 많습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="39"/>
        <source>reshape needs a shape with as many elements as the argument (one axis may be −1)</source>
        <translation>reshape에는 인자와 원소 개수가 같은 크기가 필요합니다(축 하나는 −1로 둘 수 있습니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="41"/>
        <source>a number cannot be indexed: its shape has no axes</source>
        <translation>숫자는 인덱싱할 수 없습니다: 크기에 축이 없습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="42"/>
        <source>the index has more entries than the argument's shape has axes</source>
        <translation>인덱스의 항목 수가 인자 크기의 축 수보다 많습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="43"/>
        <source>an index is out of range for the argument's shape</source>
        <translation>인덱스가 인자 크기의 범위를 벗어났습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="44"/>
        <source>a slice's step must be 1 or more, whatever the shape (PyTorch has no reversed slices)</source>
        <translation>슬라이스의 간격은 크기와 상관없이 1 이상이어야 합니다(PyTorch에는 거꾸로 가는 슬라이스가 없습니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="46"/>
        <source>the index selects no element of the argument's shape</source>
        <translation>인덱스가 인자 크기에서 원소를 하나도 고르지 않습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="47"/>
        <source>stack needs arguments of the same shape (or a stack and one more slice of its shape)</source>
        <translation>stack에는 같은 크기의 인자가 필요합니다(또는 쌓인 배열과 그 크기에 맞는 조각 하나)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="49"/>
        <source>the stack axis is out of range for the arguments' shape</source>
        <translation>stack의 축이 인자 크기의 범위를 벗어났습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="50"/>
        <source>concat joins arrays along an axis; a number's shape has none (use stack)</source>
        <translation>concat은 배열을 한 축을 따라 잇습니다. 숫자의 크기에는 축이 없습니다(stack을 쓰세요)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="52"/>
        <source>concat needs shapes that agree on every axis but the joined one</source>
        <translation>concat에는 잇는 축을 뺀 모든 축의 길이가 같은 크기가 필요합니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="53"/>
        <source>the concat axis is out of range for the arguments' shape</source>
        <translation>concat의 축이 인자 크기의 범위를 벗어났습니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="297"/>
        <source>rows become columns (A.T); a vector stays as it is</source>
        <translation>행이 열이 됩니다(A.T). 벡터는 그대로입니다</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="301"/>
        <source>∂f/∂α = ∂f/∂reshape(α) in the shape of α</source>
        <translation>∂f/∂α = ∂f/∂reshape(α)를 α의 크기로</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="309"/>
        <source>the same elements in another shape (one axis may be −1)</source>
        <translation>같은 원소를 다른 크기로(축 하나는 −1로 둘 수 있습니다)</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="313"/>
        <source>∂f/∂α = ∂f/∂α[i] at the indexed places, 0 elsewhere</source>
        <translation>∂f/∂α = 인덱스가 가리키는 자리에는 ∂f/∂α[i], 나머지는 0</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="324"/>
        <source>constant elements and slices: x[0], W[1, :], x[1:3]</source>
        <translation>정해진 원소와 슬라이스: x[0], W[1, :], x[1:3]</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="328"/>
        <source>∂f/∂α = the slices of ∂f/∂stack(α, β) that came from α</source>
        <translation>∂f/∂α = ∂f/∂stack(α, β) 중 α에서 온 조각들</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="329"/>
        <source>∂f/∂β = the slice of ∂f/∂stack(α, β) that came from β</source>
        <translation>∂f/∂β = ∂f/∂stack(α, β) 중 β에서 온 조각</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="338"/>
        <source>two arrays of one shape on a new axis; a stack and one more slice</source>
        <translation>같은 크기의 배열 두 개를 새 축으로 쌓기, 또는 쌓인 배열에 조각 하나 더하기</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="342"/>
        <source>∂f/∂α = the first part of ∂f/∂concat(α, β)</source>
        <translation>∂f/∂α = ∂f/∂concat(α, β)의 앞부분</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="343"/>
        <source>∂f/∂β = the rest of ∂f/∂concat(α, β)</source>
        <translation>∂f/∂β = ∂f/∂concat(α, β)의 나머지</translation>
    </message>
    <message>
        <location filename="../../autodiff_gui/core/ops/shapes.py" line="354"/>
        <source>two arrays joined along an existing axis (torch.cat)</source>
        <translation>배열 두 개를 있는 축을 따라 잇기(torch.cat)</translation>
    </message>
</context>
</TS>
