#!/usr/bin/env bash
# Creates an Nx project skeleton: tools/new-project.sh <dir> <name> <tags,comma,separated> [lib|app]
set -euo pipefail
dir=$1; name=$2; tags=$3; kind=${4:-lib}
mkdir -p "$dir/src"
depth=$(echo "$dir" | awk -F/ '{print NF}'); up=$(printf '../%.0s' $(seq 1 "$depth"))
tagjson=$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
ptype=library; [ "$kind" = app ] && ptype=application
cat > "$dir/project.json" <<J
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$ptype",
  "tags": [$tagjson],
  "targets": {}
}
J
cat > "$dir/jest.config.cts" <<J
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  coverageDirectory: '${up}coverage/$dir',
};
J
echo "import baseConfig from '${up}eslint.config.mjs';
export default [...baseConfig];" > "$dir/eslint.config.mjs"
[ "$kind" = lib ] && [ ! -f "$dir/src/index.ts" ] && echo "export {};" > "$dir/src/index.ts"
true
