//! Stage one: the records folder read into typed records.
//!
//! [`load`] walks the folder and reads each file once (opened inside its
//! folder, which `folders` opens once; through [`source`] for encodings and
//! front matter, [`yaml`] for the one YAML parser), [`decode`] turns YAML
//! nodes into the [`model`]. Nothing here renders or computes; no
//! other stage reads a record file from disk.

pub mod decode;
mod folders;
pub mod load;
pub mod model;
pub mod source;
pub mod yaml;
