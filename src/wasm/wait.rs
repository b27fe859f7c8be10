//! `waitForCall`: polls a call until it reaches a terminal status.
