"""The node-editor canvas (Qt).

Modules: ``scene`` (the ``GraphScene``: edits through the undo stack) with its parts
``mirror`` (items follow the document's events), ``wire_drag``, ``clipboard`` and
``menus``; ``items`` (blocks) with ``block_paint``; ``wires``; ``ends`` (the protocols
the parts share, so none imports another back); ``view`` (zoom, pan, drops, Tab box);
``theme`` (colours, fonts).  May import ``core``, ``diagram``, ``ui.app`` and
``ui.editing.commands``.  Blocks are not widgets: the view tells the scene of a
``LanguageChange`` and the scene refreshes every block's texts.

API summary for the main window:

    from autodiff_gui.ui.canvas import GraphScene, GraphView, legend_entries, MIME_BLOCK

    scene = GraphScene(document, undo_stack, parent=None)
        Follows the document's events (``reset`` rebuilds; blocks without a position
        are laid out with core.layout.layered_layout).  Every edit is an undo command
        (ui/editing/commands.py) pushed on ``undo_stack``; refused edits never enter it.
      signals: statusMessage(str)        why an edit was refused (show in the status bar)
               nodeDoubleClicked(int)    the scene opens no dialog itself: connect it to
                                         ``lambda n: scene.edit_node(n, window)``
               selectionNodesChanged(list[int])
               documentReset()           after a rebuild (e.g. call view.zoom_fit())
      node_item(id) -> NodeItem | None   (item.data(0) == id), node_items()
      wire_item(src, dst, slot) -> WireItem | None, wire_items()
      add_block(kind, pos: QPointF, op=None, *, value=None) -> id | None
          kind "input" (free name x, y, z, w, a, ...), "const" (1.0) or "op";
          the block is centred at pos
      delete_selection(), copy_selection() -> str (JSON; clipboard mime
          "application/x-autodiff-nodes" + text), paste(text=None, at=None) -> [ids],
      duplicate_selection() -> [ids], auto_layout(), set_output(id|None),
      selected_nodes() -> [ids], selected_wires() -> [(dst, slot)],
      items_bounding_rect() -> QRectF, output_node() -> id | None,
      connect_ports(src, dst, slot), disconnect_slot(dst, slot),
      edit_node(id, parent_widget) (rename an input / edit a constant),
      edit_value(id, parent_widget), rename_node(id, name), set_node_value(id, text|value),
      node_menu(id, parent) -> QMenu, background_menu(pos, parent) -> QMenu,
      cancel_interaction() (Esc), set_theme(Theme), detach() (stop following the doc)
      The output mark follows edits once per batch (a 0 ms timer): call
      refresh_output_mark() to update it at once; output_node() is what is drawn.
      Where the blocks sit is the document's "pos" (top-left corner); a mouse drag
      pushes MoveNodes on release.  Geometry (block sizes, ports) lives in
      diagram/layout.py: block_size(kind), input_port_offset(), output_port_offset().
      Step-through overlays (each call repaints only that item):
        clear_overlays()
        NodeItem.set_state("normal" | "dim" | "current" | "done" | "error")
        NodeItem.set_annotation(value_text | None, grad_text | None)
        NodeItem.set_tooltip_text(text | None), NodeItem.set_caption(text | None)
        WireItem.set_label(text | None), WireItem.set_state("normal" | "dim" | "active")

    view = GraphView(scene, parent=None)     objectName "graphView"
      zoom_in(), zoom_out(), zoom_reset(), zoom_fit() (F), zoom_factor(), pan_by(dx, dy)
      drop_block(spec, scene_pos) -> id | None   spec: b"op:mul" / "input" / "const"
          (also "const:2.5"), the payload of MIME_BLOCK drops from the palette
      open_quick_add(view_pos=None)              the Tab "add block" box
      Keys: Del/Backspace delete, F fit, Ctrl +/−/0 zoom, Ctrl+C/V/D (fallbacks when
      the window has no actions for them), Tab add block, space+drag or middle-drag pan.

    legend_entries() -> [(label, QColor)]   block colours for a legend
    NodeItem: node_id, kind, data(0) == id, port_at(local) -> ("in", slot)|("out", 0)|None,
      output_port_scene_pos(), input_port_scene_pos(slot), is_output(), refresh()
    wire_path(p1, p2) -> QPainterPath       the pure wire geometry
"""

from .clipboard import MIME_NODES
from .items import NodeItem
from .scene import MIME_BLOCK, GraphScene, parse_value_text
from .theme import Theme, current_theme, legend_entries
from .view import GraphView, resolve_block_text
from .wires import LiveWire, WireItem, wire_path

__all__ = [
    "MIME_BLOCK", "MIME_NODES", "GraphScene", "GraphView", "LiveWire", "NodeItem", "Theme",
    "WireItem", "current_theme", "legend_entries", "parse_value_text", "resolve_block_text",
    "wire_path",
]
