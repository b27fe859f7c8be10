//! `listAllCalls`: every page of a listing, fetched concurrently once the total is known.
