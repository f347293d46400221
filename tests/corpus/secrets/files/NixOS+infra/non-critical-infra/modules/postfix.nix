{ config, pkgs, ... }:

{
  sops.secrets.opendkim-private-key = {
    sopsFile = ../secrets/opendkim-private-key.caliban;
    format = "binary";
    owner = config.services.postfix.user;
  };
  services.opendkim = {
    enable = true;
    domains = config.networking.fqdn;
    selector = "mail";
    inherit (config.services.postfix) user group;
    keyPath = "/run/opendkim-keys";
  };

  # Permitted as long as we're only signing and not validating
  nixpkgs.config.permittedInsecurePackages = [
    "opendkim-2.11.0-Beta2"
  ];

  systemd.services.opendkim.serviceConfig = {
    ExecStartPre = [
      "+${pkgs.writeShellScript "opendkim-keys" ''
        install -o ${config.services.postfix.user} -g ${config.services.postfix.group} -D -m0700 ${config.sops.secrets.opendkim-private-key.path} /run/opendkim-keys/${config.services.opendkim.selector}.private
      ''}"
    ];
  };

  services.postfix = {
    enable = true;
    settings.main = {
      myhostname = config.networking.fqdn;
      mydomain = config.networking.fqdn;
      smtp_tls_note_starttls_offer = "yes";
      smtp_tls_security_level = "may";
      tls_medium_cipherlist = "AES128+EECDH:AES128+EDH";
      smtpd_relay_restrictions = "permit_mynetworks permit_sasl_authenticated defer_unauth_destination";
      mydestination = "localhost.$mydomain, localhost, $myhostname";
      myorigin = "$mydomain";
      milter_default_action = "accept";
      milter_protocol = "6";
      smtpd_milters = "unix:/run/opendkim/opendkim.sock";
      non_smtpd_milters = "unix:/run/opendkim/opendkim.sock";
      inet_interfaces = "loopback-only";
      inet_protocols = "all";
    };
  };

}
