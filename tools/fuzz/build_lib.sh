# build_lib.sh: the build step shared by run.sh and check_one.sh (sourced).
# Uses the caller's cc, src, libs, tus, ltomode, opts and plugin.
# build OUT FLAGS...: compiles and links $src with FLAGS: one file, or
# (h2s-tus: 2) the file twice, as unit 1 and unit 2 (-DH2S_TU=N), linked
# with the program's LTO mode; with LTO, a plugin build loads the plugin
# into the linker too (the README's setup).
build() {
  local out=$1 lto=() link=()
  shift
  if [ "$tus" != 2 ]; then
    $cc "$@" "$src" -o "$out" $libs; return
  fi
  case $ltomode in full) lto=(-flto) ;; thin) lto=(-flto=thin) ;; esac
  if [ ${#lto[@]} -gt 0 ]; then
    link=(-fuse-ld=lld)
    case " $* " in
      *" -fpass-plugin="*)
        # lld parses -mllvm before it loads the plugin, so the link-time
        # run cannot take the program's options (alloc= specs): defaults.
        link+=("-Wl,--load-pass-plugin=$plugin") ;;
    esac
  fi
  $cc "$@" "${lto[@]}" -DH2S_TU=1 -c "$src" -o "$out.1.o" &&
    $cc "$@" "${lto[@]}" -DH2S_TU=2 -c "$src" -o "$out.2.o" &&
    $cc "$@" "${lto[@]}" "${link[@]}" "$out.1.o" "$out.2.o" -o "$out" $libs >&2
}

