//! `charter import`: documents from elsewhere (Word, web pages) read into
//! one [`document::Document`] model.

pub(crate) mod document;
pub(crate) mod docx;
#[cfg(test)]
mod testing;
