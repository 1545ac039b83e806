"""The floor for start-up: the first picture's widgets, with none of the app's code.

Run by ``bench_startup.py`` as a whole process, like the bare window: it imports
numpy (the core needs it before the first value is shown), builds a window with the
same Qt widgets the app's first picture shows (menus and their 100 actions, two
toolbars of standard icons, the block tree, the expression bar, a scene of 9
blocks and 9 wires, the inputs and trace tables, the narration, nine docks, five
of them tabbed behind the trace, the status bar), paints it, grabs it and saves
the PNG.  Every widget is a stock Qt class filled in straight-line code: no model
logic, no translations, no Python paint code.  What the app takes beyond this is
the cost of its own code; what this takes beyond the bare window is PySide6's cost
for these widgets (their Python types and enums, made on first use) and numpy's.

    python bench/same_widgets_window.py OUT.png
"""

import sys

import numpy  # noqa: F401  (the core's dependency, imported first as the app does)
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QPainterPath,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSlider,
    QStyle,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

app = QApplication(sys.argv[:1])
app.setStyle("Fusion")
window = QMainWindow()
window.resize(1280, 800)
style = window.style()
SP = QStyle.StandardPixmap

menus = {}
for title in ("&File", "&Edit", "&View", "&Run", "&Examples", "&Help"):
    menus[title] = window.menuBar().addMenu(title)
titles = list(menus)
for i in range(100):  # the app makes 102 actions, most of them in menus
    action = QAction(f"Action {i}", window)
    action.setShortcut(f"Ctrl+Shift+{chr(ord('A') + i % 26)}" if i < 26 else "")
    menus[titles[i % len(titles)]].addAction(action)

file_bar = window.addToolBar("File")
file_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
for text, icon in (("New", SP.SP_FileIcon), ("Open", SP.SP_DirOpenIcon),
                   ("Save", SP.SP_DialogSaveButton), ("", SP.SP_ArrowBack),
                   ("", SP.SP_ArrowForward), ("Delete", SP.SP_TrashIcon),
                   ("Auto Layout", SP.SP_CustomBase), ("Zoom In", SP.SP_CustomBase),
                   ("Zoom Out", SP.SP_CustomBase), ("Fit to Window", SP.SP_CustomBase)):
    file_bar.addAction(style.standardIcon(icon), text)
window.addToolBarBreak()
step_bar = window.addToolBar("Step")
step_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
for text, icon in (("Reset", SP.SP_MediaSkipBackward), ("Previous Step", SP.SP_MediaSeekBackward),
                   ("Play", SP.SP_MediaPlay), ("Next Step", SP.SP_MediaSeekForward),
                   ("Run to End", SP.SP_MediaSkipForward)):
    step_bar.addAction(style.standardIcon(icon), text)
step_bar.addWidget(QLabel("Speed"))
step_bar.addWidget(QSlider(Qt.Orientation.Horizontal))
step_bar.addWidget(QLabel("5 steps/s"))
step_bar.addAction(style.standardIcon(SP.SP_DialogApplyButton), "Check Gradients")
step_bar.addAction(style.standardIcon(SP.SP_MessageBoxQuestion), "Predict Mode")


def dock(title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    d = QDockWidget(title, window)
    d.setWidget(widget)
    window.addDockWidget(area, d)
    return d


blocks = QWidget()
blocks_layout = QVBoxLayout(blocks)
blocks_layout.addWidget(QLineEdit(placeholderText="Search blocks..."))
tree = QTreeWidget()
tree.setHeaderHidden(True)
for group in range(9):
    top = QTreeWidgetItem(tree, [f"Group {group}"])
    for op in range(12):
        QTreeWidgetItem(top, [f"op {op}"])
    top.setExpanded(group < 2)
blocks_layout.addWidget(tree)
dock("Blocks", blocks, Qt.DockWidgetArea.LeftDockWidgetArea)

central = QWidget()
central_layout = QVBoxLayout(central)
bar = QHBoxLayout()
bar.addWidget(QLabel("f ="))
bar.addWidget(QLineEdit("(x**2 + 2*x) * log(y)"))
bar.addWidget(QPushButton("Build graph"))
central_layout.addLayout(bar)
scene = QGraphicsScene()
for i in range(9):
    x, y = 120 * (i % 5), 90 * (i // 5)
    scene.addRect(QRectF(x, y, 75, 45), QPen(QColor(40, 120, 60)), QColor(220, 240, 225))
    scene.addSimpleText(f"block {i}").setPos(x + 6, y + 4)
    path = QPainterPath(QPointF(x + 75, y + 20))
    path.cubicTo(x + 100, y + 20, x + 100, y + 60, x + 120, y + 60)
    scene.addPath(path)
view = QGraphicsView(scene)
central_layout.addWidget(view)
window.setCentralWidget(central)

inputs = QTableView()
inputs_model = QStandardItemModel(2, 2)
inputs_model.setHorizontalHeaderLabels(["Name", "Value"])
for row, (name, value) in enumerate((("x", "1"), ("y", "2"))):
    inputs_model.setItem(row, 0, QStandardItem(name))
    inputs_model.setItem(row, 1, QStandardItem(value))
inputs.setModel(inputs_model)
dock("Inputs", inputs, Qt.DockWidgetArea.RightDockWidgetArea)

narration = QWidget()
form = QFormLayout(narration)
form.addRow("Mode", QComboBox())
form.addRow(QLabel("forward mode needs 2 passes for 2 inputs"))
form.addRow("Upstream gradient", QLineEdit("1"))
form.addRow(QCheckBox("Accumulate gradients across runs (.grad)"), QPushButton("zero_grad"))
form.addRow(QTextBrowser())
dock("Narration", narration, Qt.DockWidgetArea.RightDockWidgetArea)

trace = QTableView()
trace_model = QStandardItemModel(0, 9)
trace_model.setHorizontalHeaderLabels(["Step", "Pass", "Node", "Op", "Inputs", "Value",
                                       "dout", "Local derivatives", "Contributions"])
trace.setModel(trace_model)
trace_dock = dock("Trace", trace, Qt.DockWidgetArea.BottomDockWidgetArea)
for title in ("Compare", "Plots", "Code", "Three Ways", "Gradient Descent"):
    window.tabifyDockWidget(trace_dock, dock(title, QLabel(title),
                                             Qt.DockWidgetArea.BottomDockWidgetArea))
trace_dock.raise_()
window.statusBar().addPermanentWidget(QLabel("f = 2.0794 · 9 nodes"))


class Grab(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: app.exit(0 if window.grab().save(sys.argv[1], "PNG")
                                                  else 1))
        return False


grab = Grab()
view.viewport().installEventFilter(grab)
window.show()
sys.exit(app.exec())
