//! In-process tests of every route of `ficshelf serve`, over a temporary library with fixture
//! works imported through the library facade; requests go through tower's `oneshot`, no
//! socket.

mod api;
mod common;
mod limits;
mod pages;
mod security;
mod upload;
