#!/bin/sh
echo "setting up on illumos"
