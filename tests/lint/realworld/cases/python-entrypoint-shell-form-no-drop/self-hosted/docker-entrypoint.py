import os
import sys

def main(argv):
    if not argv:
        return
    if argv[0].startswith("-") or argv[0] in {"run", "upgrade"}:
        argv = ["tracker", *argv]
    if argv[0] == "tracker":
        argv = ["tini", "--", *argv]
    os.execvp(argv[0], argv)

if __name__ == "__main__":
    main(sys.argv[1:])
