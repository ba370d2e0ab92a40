# bash completion for reportlint                      -*- shell-script -*-
# Installed as PREFIX/share/bash-completion/completions/reportlint.
_reportlint() {
  local cur prev words cword
  _init_completion || return
  local cmds="check audit serve rules lint-rules test-rules rules-to-json help"
  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
    return
  fi
  case $prev in
  --format)
    if [ "${words[1]}" = audit ]; then
      COMPREPLY=($(compgen -W "markdown csv json html" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "text json sarif junit github jsonl html model" -- "$cur"))
    fi
    return ;;
  --fail-on) COMPREPLY=($(compgen -W "error warning info none" -- "$cur")); return ;;
  --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
  --input-format) COMPREPLY=($(compgen -W "auto txt md docx html pdf" -- "$cur")); return ;;
  --rules) _filedir -d; return ;;
  --config | --baseline | --write-baseline | -o | --output) _filedir; return ;;
  --enable | --disable | --explain)
    COMPREPLY=($(compgen -W "$(reportlint rules 2>/dev/null | awk '!/^#/ {print $1}')" -- "$cur"))
    return ;;
  --ruleset)
    COMPREPLY=($(compgen -W "$(reportlint rules 2>/dev/null | awk '/^# / {print $2}')" -- "$cur"))
    return ;;
  esac
  if [[ $cur == -* && ${words[1]} == serve ]]; then
    COMPREPLY=($(compgen -W "--listen --max-upload --workers --queue-wait
      --timeout --rules --help" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--rules --ruleset --format --fail-on --enable
      --disable --department --config --no-config --force-exclude --baseline
      --write-baseline --output --jobs --no-source --color --stats
      --input-format --max-size --max-line --max-findings --max-read-time
      --bom --explain --help" -- "$cur"))
    return
  fi
  _filedir
}
complete -F _reportlint reportlint
