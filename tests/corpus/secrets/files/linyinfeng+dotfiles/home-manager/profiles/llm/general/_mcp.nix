{
  pkgs,
  lib,
  osConfig,
  config,
  ...
}:
let
  mineruMcp = pkgs.writeShellApplication {
    name = "mineru-open-mcp";
    runtimeInputs = with pkgs; [
      uv
    ];
    runtimeEnv = {
      OUTPUT_DIR = "${config.xdg.userDirs.documents}/MinerU";
      ENABLE_LOG = "true";
    };
    text = ''
      MINERU_API_TOKEN="$(cat "${osConfig.sops.secrets."mineru_api_key".path}")"
      export MINERU_API_TOKEN
      exec uvx mineru-open-mcp "$@"
    '';
  };
in
{
  programs.mcp = {
    enable = true;
    servers =
      let
        simpleMcps = with pkgs; [
          mcp-nixos
          mineruMcp
          context7-mcp
        ];
      in
      lib.listToAttrs (
        lib.map (
          p:
          lib.nameValuePair (p.pname or p.name) {
            command = lib.getExe p;
            env = {
              # some python MCP does not support SOCKS 5 proxies
              "ALL_PROXY" = "";
              "all_proxy" = "";
            };
          }
        ) simpleMcps
      )
      // {
        "grep.app" = {
          type = "remote";
          url = "https://mcp.grep.app";
        };
        "exa" = {
          type = "remote";
          url = "https://mcp.exa.ai/mcp";
        };
      };
  };
}
