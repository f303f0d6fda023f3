//! Live reload: the events a rebuild sends to open tabs, the list of tabs listening, and the
//! response body that streams events to one tab (server-sent events).

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use hyper::body::{Bytes, Frame, SizeHint};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// Reload the page.
    Reload,
    /// Only the stylesheet changed: swap it without reloading.
    Css,
    /// The last save broke the build: show this message.
    Error(String),
    /// The search index was refreshed after a rebuild: a page that searches reloads (its query is
    /// in its address), so what was saved is found there.
    SearchIndex,
}

impl Event {
    fn wire(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".into(),
            Event::Css => "event: css\ndata: {}\n\n".into(),
            Event::SearchIndex => "event: search-index\ndata: {}\n\n".into(),
            Event::Error(msg) => {
                let data: String = msg.lines().map(|l| format!("data: {l}\n")).collect();
                format!("event: build-error\n{data}\n")
            }
        }
    }
}

/// The tabs listening, and the error they are shown (for tabs that connect later).
#[derive(Default)]
pub(crate) struct Hub {
    clients: Vec<UnboundedSender<Bytes>>,
    error: Option<String>,
}

impl Hub {
    /// Sends `event` to every tab, forgetting closed ones.
    pub fn send(hub: &Mutex<Hub>, event: &Event) {
        let mut hub = hub.lock().unwrap_or_else(|p| p.into_inner());
        hub.error = match event {
            Event::Error(m) => Some(m.clone()),
            _ => None,
        };
        hub.broadcast(Bytes::from(event.wire()));
    }

    /// A comment line to every tab, so idle streams stay open and closed tabs are noticed.
    pub fn ping(hub: &Mutex<Hub>) {
        let mut hub = hub.lock().unwrap_or_else(|p| p.into_inner());
        hub.broadcast(Bytes::from_static(b": ping\n\n"));
    }

    fn broadcast(&mut self, wire: Bytes) {
        self.clients.retain(|c| c.send(wire.clone()).is_ok());
    }

    /// A new tab: its stream starts with the retry delay and, after a broken save, the error.
    pub fn subscribe(hub: &Mutex<Hub>) -> Body {
        let (tx, rx) = unbounded_channel();
        let mut hub = hub.lock().unwrap_or_else(|p| p.into_inner());
        let _ = tx.send(Bytes::from_static(b"retry: 500\n: connected\n\n"));
        if let Some(msg) = &hub.error {
            let _ = tx.send(Bytes::from(Event::Error(msg.clone()).wire()));
        }
        hub.clients.push(tx);
        Body::Events(rx)
    }
}

/// A response body: a whole file or message, or a tab's endless event stream.
pub(crate) enum Body {
    /// All of it at once (taken when sent).
    Full(Option<Bytes>),
    /// Events as they come, until the tab closes.
    Events(UnboundedReceiver<Bytes>),
}

impl Body {
    /// A body of these bytes.
    pub fn full(bytes: impl Into<Bytes>) -> Body {
        Body::Full(Some(bytes.into()))
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(rx) => rx.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events(_) => SizeHint::default(),
        }
    }
}
