//! WordPress tables: a GFM table when the table is simple (one header row of `<th>`, no merged
//! cells, no caption or footer, inline content in every cell, no row longer than the header),
//! else the table kept as HTML ([`super::kept::block`]), so no cell is ever lost.

use std::rc::Rc;

use htmd::Element;
use htmd::element_handler::{HandlerResult, Handlers};
use markup5ever_rcdom::{Node, NodeData};

use super::kept::{block, tag_of, visit};

/// Converts a `<table>`.
pub(super) fn table(h: &dyn Handlers, e: Element) -> Option<HandlerResult> {
    Some(match simple_rows(e.node) {
        Some(rows) => gfm(h, &rows).into(),
        None => block(h, e.node).into(),
    })
}

/// The rows of a table a GFM table can say without loss (the first row its header), or `None`.
fn simple_rows(table: &Node) -> Option<Vec<Vec<Rc<Node>>>> {
    let mut rows = Vec::new();
    for child in table.children.borrow().iter() {
        match tag_of(child).as_deref() {
            Some("thead") | Some("tbody") => {
                let before = rows.len();
                for row in child.children.borrow().iter() {
                    match tag_of(row).as_deref() {
                        Some("tr") => rows.push(cells(row)?),
                        Some(_) => return None,
                        None => {}
                    }
                }
                // A header of two rows has no GFM form.
                if tag_of(child).as_deref() == Some("thead") && rows.len() - before != 1 {
                    return None;
                }
            }
            Some("tr") => rows.push(cells(child)?),
            Some(_) => return None, // caption, tfoot, colgroup: kept as HTML
            None => {}
        }
    }
    let header = rows.first()?;
    let all_th = header.iter().all(|c| tag_of(c).as_deref() == Some("th"));
    let body_td = rows[1..]
        .iter()
        .flatten()
        .all(|c| tag_of(c).as_deref() == Some("td"));
    let fits = rows.iter().all(|r| r.len() <= header.len());
    (!header.is_empty() && all_th && body_td && fits).then_some(rows)
}

/// The cells of a row when each is simple (no merged cells, inline content only).
fn cells(row: &Node) -> Option<Vec<Rc<Node>>> {
    let mut out = Vec::new();
    for cell in row.children.borrow().iter() {
        match tag_of(cell).as_deref() {
            Some("td") | Some("th") => {
                if has_attr(cell, "colspan") || has_attr(cell, "rowspan") || !inline_only(cell) {
                    return None;
                }
                out.push(cell.clone());
            }
            Some(_) => return None,
            None => {}
        }
    }
    Some(out)
}

/// True when nothing under `cell` is a block, a line break or an embedded player.
fn inline_only(cell: &Node) -> bool {
    let mut inline = true;
    for child in cell.children.borrow().iter() {
        visit(child, &mut |n| {
            if let Some(tag) = tag_of(n) {
                inline &= !matches!(
                    tag.as_str(),
                    "p" | "div"
                        | "ul"
                        | "ol"
                        | "li"
                        | "table"
                        | "blockquote"
                        | "pre"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "dl"
                        | "figure"
                        | "br"
                        | "hr"
                        | "iframe"
                        | "video"
                        | "audio"
                        | "embed"
                        | "object"
                        | "address"
                        | "details"
                );
            }
        });
    }
    inline
}

/// The rows as a GFM table: a dashed separator for every column, the header cell's alignment.
fn gfm(h: &dyn Handlers, rows: &[Vec<Rc<Node>>]) -> String {
    let width = rows[0].len();
    let mut out = String::from("\n\n");
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for column in 0..width {
            let text = row.get(column).map(|c| cell_text(h, c)).unwrap_or_default();
            out.push_str(&format!(" {text} |"));
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            for cell in row {
                out.push_str(match alignment(cell) {
                    Some("left") => " :--- |",
                    Some("center") => " :---: |",
                    Some("right") => " ---: |",
                    _ => " --- |",
                });
            }
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// A cell's Markdown on one line, its pipes escaped.
fn cell_text(h: &dyn Handlers, cell: &Rc<Node>) -> String {
    let content = h.walk_children(cell).content;
    content
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// `left`, `center` or `right` as WordPress writes a cell's alignment (`data-align`, `align`, a
/// `has-text-align-*` class or a `text-align` style).
fn alignment(cell: &Node) -> Option<&'static str> {
    let NodeData::Element { attrs, .. } = &cell.data else {
        return None;
    };
    let attrs = attrs.borrow();
    let said: String = attrs
        .iter()
        .filter(|a| matches!(&*a.name.local, "data-align" | "align" | "class" | "style"))
        .map(|a| a.value.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    ["left", "center", "right"].into_iter().find(|side| {
        said.split([' ', ';'])
            .any(|w| w == *side || w == format!("has-text-align-{side}"))
            || said.contains(&format!("text-align:{side}"))
            || said.contains(&format!("text-align: {side}"))
    })
}

fn has_attr(node: &Node, name: &str) -> bool {
    matches!(&node.data, NodeData::Element { attrs, .. }
        if attrs.borrow().iter().any(|a| &*a.name.local == name))
}
