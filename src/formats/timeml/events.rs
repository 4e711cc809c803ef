//! Events (`<EVENT>`) and their instances (`eiid`, `<MAKEINSTANCE>`): one record per
//! `eid`, however many times the document mentions or instantiates it.

use std::collections::HashMap;
use std::ops::Range;

use roxmltree::Node;

use super::Reader;
use super::links::Candidate;
use super::text::Text;

/// The events of one `eid`, as elements and instances.
pub(super) struct EventRecord<'a, 'input> {
    pub(super) id: String,
    /// The element with text (or the first one).
    pub(super) node: Node<'a, 'input>,
    pub(super) span: Option<Range<usize>>,
    pub(super) instances: Vec<&'a str>,
    /// Dating candidates from direct links: (date, tid, TLINK id, relation).
    pub(super) direct: Vec<Candidate<'a>>,
    pub(super) before_dct: Vec<&'a str>,
    pub(super) after_dct: Vec<&'a str>,
    /// Events this one is IDENTITY/SIMULTANEOUS with: (event index, TLINK id).
    pub(super) same_time: Vec<(usize, &'a str)>,
}

/// The events of a document, in order of first mention, and how links name them.
pub(super) struct Events<'a, 'input> {
    pub(super) list: Vec<EventRecord<'a, 'input>>,
    by_eid: HashMap<String, usize>,
    /// Event instance ids (`eiid`), which TLINKs use, to the event they instantiate.
    pub(super) by_instance: HashMap<&'a str, usize>,
}

impl<'a, 'input> Events<'a, 'input> {
    /// Reads every EVENT under `root`, then every MAKEINSTANCE.
    pub(super) fn read(
        reader: &mut Reader<'_, '_>,
        root: Node<'a, 'input>,
        text: &Text<'_, '_>,
    ) -> Self {
        let mut events = Self {
            list: Vec::new(),
            by_eid: HashMap::new(),
            by_instance: HashMap::new(),
        };
        for (n, node) in root
            .descendants()
            .filter(|n| n.has_tag_name("EVENT"))
            .enumerate()
        {
            events.add_element(reader, node, n, text);
        }
        for node in root
            .descendants()
            .filter(|n| n.has_tag_name("MAKEINSTANCE"))
        {
            events.add_make_instance(reader, node);
        }
        events
    }

    /// The `n`th EVENT element: a new event, or another mention of one already seen.
    fn add_element(
        &mut self,
        reader: &mut Reader<'_, '_>,
        node: Node<'a, 'input>,
        n: usize,
        text: &Text<'_, '_>,
    ) {
        let eid = match node.attribute("eid").or(node.attribute("eiid")) {
            Some(id) => id.to_owned(),
            None => {
                let id = format!("event-{}", n + 1);
                let warning =
                    reader.warning(node, format!("an EVENT has no \"eid\"; calling it '{id}'"));
                reader.push(warning);
                id
            }
        };
        let span = text.span(node).filter(|s| !s.is_empty());
        let ix = match self.by_eid.get(&eid) {
            Some(&ix) => {
                // Another mention of the same event: the first one with text is its passage.
                if let Some(record) = self.list.get_mut(ix)
                    && record.span.is_none()
                    && span.is_some()
                {
                    record.span = span;
                    record.node = node;
                }
                ix
            }
            None => {
                let ix = self.list.len();
                self.by_eid.insert(eid.clone(), ix);
                self.list.push(EventRecord {
                    id: eid,
                    node,
                    span,
                    instances: Vec::new(),
                    direct: Vec::new(),
                    before_dct: Vec::new(),
                    after_dct: Vec::new(),
                    same_time: Vec::new(),
                });
                ix
            }
        };
        if let Some(eiid) = node.attribute("eiid") {
            self.add_instance(reader, node, eiid, ix);
        }
    }

    /// A MAKEINSTANCE: an instance id for an event already read.
    fn add_make_instance(&mut self, reader: &mut Reader<'_, '_>, node: Node<'a, 'input>) {
        let (Some(eiid), Some(eid)) = (node.attribute("eiid"), node.attribute("eventID")) else {
            let error = reader.error(
                node,
                "MAKEINSTANCE needs \"eiid\" and \"eventID\"; it is ignored",
            );
            reader.push(error);
            return;
        };
        let Some(&ix) = self.by_eid.get(eid) else {
            let error = reader.error(
                node,
                format!(
                    "MAKEINSTANCE '{eiid}' refers to event '{eid}', which is not in the document; it is ignored"
                ),
            );
            reader.push(error);
            return;
        };
        self.add_instance(reader, node, eiid, ix);
    }

    /// Names event `ix` by `eiid` too, unless another event has that instance id already.
    fn add_instance(
        &mut self,
        reader: &mut Reader<'_, '_>,
        node: Node<'_, '_>,
        eiid: &'a str,
        ix: usize,
    ) {
        match self.by_instance.get(eiid) {
            Some(&other) if other != ix => {
                let warning = reader.warning(
                    node,
                    format!("event instance id '{eiid}' is used twice; links go to the first one"),
                );
                reader.push(warning);
            }
            Some(_) => {}
            None => {
                self.by_instance.insert(eiid, ix);
                if let Some(r) = self.list.get_mut(ix) {
                    r.instances.push(eiid);
                }
            }
        }
    }
}
