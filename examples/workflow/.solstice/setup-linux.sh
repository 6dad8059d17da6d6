#!/bin/sh
# Setup for the linux job: runs first, as the step named "setup".
echo "setting up for $TARGET (RUST_BACKTRACE=$RUST_BACKTRACE)"
