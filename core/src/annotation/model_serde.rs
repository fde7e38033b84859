//! How an [`Annotation`] is written and read, field by field: the fields this build knows,
//! then the ones it does not ([`UnknownFields`]), which are kept and written back as they were.
//!
//! Hand-written because serde's derive cannot keep unknown fields in RON (its `flatten` needs
//! map syntax); the layout is the one the derive gave: optional fields left out when empty.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::model::{Anchor, Annotation};
use super::unknown::UnknownFields;

/// The field names this build knows, in the order they are written.
const FIELDS: &[&str] = &[
    "id",
    "label",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "status",
    "origin",
    "author",
    "created",
    "modified",
    "note",
    "metric",
    "correction",
    "anchor",
    "decided",
    "check",
    "confidence",
];

impl Serialize for Annotation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let optional = usize::from(self.note.is_some())
            + usize::from(self.metric.is_some())
            + usize::from(self.correction.is_some())
            + usize::from(self.anchor != Anchor::Exact)
            + usize::from(self.decided.is_some())
            + usize::from(self.check.is_some())
            + usize::from(self.confidence.is_some());
        let mut out = serializer.serialize_struct("Annotation", 12 + optional)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("label", &self.label)?;
        out.serialize_field("start", &self.start)?;
        out.serialize_field("end", &self.end)?;
        out.serialize_field("quote", &self.quote)?;
        out.serialize_field("prefix", &self.prefix)?;
        out.serialize_field("suffix", &self.suffix)?;
        out.serialize_field("status", &self.status)?;
        out.serialize_field("origin", &self.origin)?;
        out.serialize_field("author", &self.author)?;
        out.serialize_field("created", &self.created)?;
        out.serialize_field("modified", &self.modified)?;
        if let Some(note) = &self.note {
            out.serialize_field("note", &Some(note))?;
        }
        if let Some(metric) = &self.metric {
            out.serialize_field("metric", &Some(metric))?;
        }
        if let Some(correction) = &self.correction {
            out.serialize_field("correction", &Some(correction))?;
        }
        if self.anchor != Anchor::Exact {
            out.serialize_field("anchor", &self.anchor)?;
        }
        if let Some(decided) = &self.decided {
            out.serialize_field("decided", &Some(decided))?;
        }
        if let Some(check) = &self.check {
            out.serialize_field("check", &Some(check))?;
        }
        if let Some(confidence) = &self.confidence {
            out.serialize_field("confidence", &Some(confidence))?;
        }
        self.unknown.serialize_into(&mut out)?;
        out.end()
    }
}

/// A field's name as read: one this build knows (its index in [`FIELDS`]), or another.
enum Field {
    Known(usize),
    Unknown(String),
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                // A match, not a search of FIELDS: this runs for every field of every
                // annotation of a sidecar. The order is FIELDS'.
                let index = match name {
                    "id" => 0,
                    "label" => 1,
                    "start" => 2,
                    "end" => 3,
                    "quote" => 4,
                    "prefix" => 5,
                    "suffix" => 6,
                    "status" => 7,
                    "origin" => 8,
                    "author" => 9,
                    "created" => 10,
                    "modified" => 11,
                    "note" => 12,
                    "metric" => 13,
                    "correction" => 14,
                    "anchor" => 15,
                    "decided" => 16,
                    "check" => 17,
                    "confidence" => 18,
                    _ => return Ok(Field::Unknown(name.to_owned())),
                };
                Ok(Field::Known(index))
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

impl<'de> Deserialize<'de> for Annotation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Annotation", FIELDS, AnnotationVisitor)
    }
}

struct AnnotationVisitor;

/// Sets `slot` from the next value, refusing a field given twice.
fn once<'de, T: Deserialize<'de>, M: MapAccess<'de>>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Visitor<'de> for AnnotationVisitor {
    type Value = Annotation;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an annotation")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Annotation, M::Error> {
        let (mut id, mut label, mut start, mut end, mut quote) = (None, None, None, None, None);
        let (mut prefix, mut suffix, mut status, mut origin) = (None, None, None, None);
        let (mut author, mut created, mut modified) = (None, None, None);
        let (mut note, mut metric, mut correction, mut anchor) = (None, None, None, None);
        let (mut decided, mut check, mut confidence) = (None, None, None);
        let mut unknown = UnknownFields::default();
        while let Some(field) = map.next_key::<Field>()? {
            let index = match field {
                Field::Known(index) => index,
                Field::Unknown(name) => {
                    unknown.push(name, map.next_value()?);
                    continue;
                }
            };
            let name = FIELDS[index];
            match index {
                0 => once(&mut map, &mut id, name)?,
                1 => once(&mut map, &mut label, name)?,
                2 => once(&mut map, &mut start, name)?,
                3 => once(&mut map, &mut end, name)?,
                4 => once(&mut map, &mut quote, name)?,
                5 => once(&mut map, &mut prefix, name)?,
                6 => once(&mut map, &mut suffix, name)?,
                7 => once(&mut map, &mut status, name)?,
                8 => once(&mut map, &mut origin, name)?,
                9 => once(&mut map, &mut author, name)?,
                10 => once(&mut map, &mut created, name)?,
                11 => once(&mut map, &mut modified, name)?,
                12 => once(&mut map, &mut note, name)?,
                13 => once(&mut map, &mut metric, name)?,
                14 => once(&mut map, &mut correction, name)?,
                15 => once(&mut map, &mut anchor, name)?,
                16 => once(&mut map, &mut decided, name)?,
                17 => once(&mut map, &mut check, name)?,
                _ => once(&mut map, &mut confidence, name)?,
            }
        }
        let missing = de::Error::missing_field;
        Ok(Annotation {
            id: id.ok_or_else(|| missing("id"))?,
            label: label.ok_or_else(|| missing("label"))?,
            start: start.ok_or_else(|| missing("start"))?,
            end: end.ok_or_else(|| missing("end"))?,
            quote: quote.ok_or_else(|| missing("quote"))?,
            prefix: prefix.unwrap_or_default(),
            suffix: suffix.unwrap_or_default(),
            status: status.unwrap_or_default(),
            origin: origin.unwrap_or_default(),
            author: author.unwrap_or_default(),
            created: created.ok_or_else(|| missing("created"))?,
            modified: modified.ok_or_else(|| missing("modified"))?,
            note: note.flatten(),
            metric: metric.flatten(),
            correction: correction.flatten(),
            anchor: anchor.unwrap_or_default(),
            decided: decided.flatten(),
            check: check.flatten(),
            confidence: confidence.flatten(),
            unknown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_field_is_read_at_its_place_in_fields() {
        #[derive(Debug)]
        struct Named(usize);
        impl<'de> Deserialize<'de> for Named {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match Field::deserialize(deserializer)? {
                    Field::Known(index) => Ok(Self(index)),
                    Field::Unknown(name) => Err(de::Error::custom(name)),
                }
            }
        }
        for (index, name) in FIELDS.iter().enumerate() {
            let read: Named = ron::from_str(name).unwrap();
            assert_eq!(read.0, index, "{name}");
        }
    }
}
