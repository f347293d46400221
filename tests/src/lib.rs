//! Fixture builders shared by the integration tests.
