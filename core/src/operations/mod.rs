//! What a user does to a document, placeholder.
