//! How a [`SidecarFile`] is written and read: header fields first, the page's state, fields a
//! newer copydesk wrote ([`UnknownFields`], kept as they were), and the annotation list last,
//! so that a large list can be cut into pieces and parsed in parallel (`read`).

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::SidecarFile;
use crate::annotation::unknown::UnknownFields;

/// The field names this build knows, in the order they are written.
const FIELDS: &[&str] = &["format", "version", "source", "state", "annotations"];

impl Serialize for SidecarFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out =
            serializer.serialize_struct("SidecarFile", 4 + usize::from(self.state.is_some()))?;
        out.serialize_field("format", &self.format)?;
        out.serialize_field("version", &self.version)?;
        out.serialize_field("source", &self.source)?;
        if let Some(state) = &self.state {
            out.serialize_field("state", &Some(state))?;
        }
        self.unknown.serialize_into(&mut out)?;
        out.serialize_field("annotations", &self.annotations)?;
        out.end()
    }
}

impl<'de> Deserialize<'de> for SidecarFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("SidecarFile", FIELDS, FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = SidecarFile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a copydesk sidecar")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<SidecarFile, M::Error> {
        let (mut format, mut version, mut source, mut state, mut annotations) =
            (None, None, None, None, None);
        let mut unknown = UnknownFields::default();
        while let Some(name) = map.next_key::<String>()? {
            let duplicate = || de::Error::custom(format!("duplicate field `{name}`"));
            match name.as_str() {
                "format" if format.is_none() => format = Some(map.next_value()?),
                "version" if version.is_none() => version = Some(map.next_value()?),
                "source" if source.is_none() => source = Some(map.next_value()?),
                "state" if state.is_none() => state = Some(map.next_value()?),
                "annotations" if annotations.is_none() => annotations = Some(map.next_value()?),
                known if FIELDS.contains(&known) => return Err(duplicate()),
                _ => unknown.push(name, map.next_value()?),
            }
        }
        let missing = de::Error::missing_field;
        Ok(SidecarFile {
            format: format.ok_or_else(|| missing("format"))?,
            version: version.ok_or_else(|| missing("version"))?,
            source: source.ok_or_else(|| missing("source"))?,
            state: state.flatten(),
            annotations: annotations.ok_or_else(|| missing("annotations"))?,
            unknown,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::annotation::sidecar::{parse, to_ron};
    use crate::text::{PageEncoding, Source};

    /// A sidecar as a newer copydesk might write it: a page field and an annotation field
    /// this build does not know.
    const NEWER: &str = r#"(
    format: "copydesk-annotations",
    version: 1,
    source: (file: "a.txt", chars: 9, fingerprint: "FP"),
    state: Some((done: true, by: "林晓舟", changed: "2026-11-30T08:00:00Z")),
    decisions: [(by: "苏念", at: "2026-11-30T09:00:00Z")],
    annotations: [
        (id: "01A", label: "PER", start: 0, end: 3, quote: "林晓舟", prefix: "", suffix: "说", status: Accepted, origin: Manual, author: "t", created: "2026-11-30T08:00:00Z", modified: "2026-11-30T08:00:00Z", adjudicated: Some((by: "苏念", choice: B))),
    ],
)
"#;

    #[test]
    fn fields_a_newer_copydesk_wrote_are_kept_and_written_back() {
        let page = Source::from_text("林晓舟说，新区完成。", PageEncoding::Utf8);
        let text = NEWER.replace("FP", &page.fingerprint());
        let file = parse(Path::new("a.txt.ann.ron"), text.as_bytes(), &page).unwrap();
        let state = file.state.as_ref().unwrap();
        assert_eq!((state.done, state.by.as_str()), (true, "林晓舟"));
        assert_eq!(file.unknown.names().collect::<Vec<_>>(), ["decisions"]);
        let annotation = &file.annotations[0];
        assert_eq!(
            annotation.unknown.get("adjudicated"),
            Some(r#"Some((by: "苏念", choice: B))"#)
        );
        let written = to_ron(&file).unwrap();
        assert!(written.contains(r#"decisions: [(by: "苏念", at: "2026-11-30T09:00:00Z")],"#));
        assert!(written.contains(r#", adjudicated: Some((by: "苏念", choice: B)))"#));
        let again = parse(Path::new("a.txt.ann.ron"), written.as_bytes(), &page).unwrap();
        assert_eq!(again, file);
    }

    #[test]
    fn a_field_given_twice_is_refused() {
        let page = Source::from_text("林晓舟说，新区完成。", PageEncoding::Utf8);
        let twice = NEWER.replace("version: 1,", "version: 1, version: 1,");
        let err = parse(Path::new("a.txt.ann.ron"), twice.as_bytes(), &page).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt.ann.ron:3:17: duplicate field `version`"
        );
    }
}
