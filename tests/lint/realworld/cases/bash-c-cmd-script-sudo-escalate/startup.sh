#!/bin/bash
exec ./run.sh
