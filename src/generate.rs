//! Synthetic cohorts (owned by the generator work; replaced).
