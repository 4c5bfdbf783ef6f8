# Packaging (issue 7), included from the top Makefile:   include packaging/package.mk
#
#   make package        dist/casebook-VERSION-linux-ARCH.tar.gz (PyInstaller one-folder bundle
#                       of casebook-app + casebook, casebook.desktop, icons, install.sh)
#   make package-test   unpack that archive into a temp dir and smoke-test it offscreen
#
# Uses the top Makefile's VENV, PY, INSTALL, STAMP and its system-run-deps target (the X11/xcb
# libraries PyInstaller must find on the build machine to bundle them).

PACKAGE_EXTRA     := .[package]
PACKAGE_STAMP     := $(VENV)/.package-installed
CASEBOOK_VERSION  := $(shell sed -n 's/^__version__ *= *"\([^"]*\)".*/\1/p' casebook/__init__.py)
PACKAGE_ARCHIVE   := dist/casebook-$(CASEBOOK_VERSION)-linux-$(shell uname -m).tar.gz

.PHONY: package package-test package-clean

$(PACKAGE_STAMP): $(STAMP)
	$(INSTALL) --quiet -e '$(PACKAGE_EXTRA)'
	touch $@

package: $(STAMP) $(PACKAGE_STAMP) system-run-deps
	PY=$(PY) bash packaging/build.sh

package-test: system-run-deps
	@test -f $(PACKAGE_ARCHIVE) || { echo "No $(PACKAGE_ARCHIVE): run 'make package' first." >&2; exit 1; }
	bash packaging/smoke_test.sh $(PACKAGE_ARCHIVE)

package-clean:
	rm -rf build/pyinstaller build/bundle build/stage $(PACKAGE_ARCHIVE)
