package io.netemu.stack.netfilter.iptables;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The name databases iptables consults through libc (netbase 6.3 of Debian 12: /etc/services,
 * /etc/protocols, /etc/networks), as getservbyport/getservbyname, getprotobynumber/getprotobyname
 * and getnetbyaddr answer them; a namespace has no files of its own, so the host's defaults are
 * built in. Only TCP and UDP services are kept: the only ones iptables names.
 */
public final class XtNames {
    private static final String SERVICES = """
            tcpmux 1 t;echo 7 t;echo 7 u;discard 9 t sink null;discard 9 u sink null;systat 11 t users;daytime 13 t;
            daytime 13 u;netstat 15 t;qotd 17 t quote;chargen 19 t ttytst source;chargen 19 u ttytst source;ftp-data 20 t;
            ftp 21 t;fsp 21 u fspd;ssh 22 t;telnet 23 t;smtp 25 t mail;time 37 t timserver;time 37 u timserver;
            whois 43 t nicname;tacacs 49 t;tacacs 49 u;domain 53 t;domain 53 u;bootps 67 u;bootpc 68 u;tftp 69 u;
            gopher 70 t;finger 79 t;http 80 t www;kerberos 88 t kerberos5 krb5 kerberos-sec;
            kerberos 88 u kerberos5 krb5 kerberos-sec;iso-tsap 102 t tsap;acr-nema 104 t dicom;pop3 110 t pop-3;
            sunrpc 111 t portmapper;sunrpc 111 u portmapper;auth 113 t authentication tap ident;nntp 119 t readnews untp;
            ntp 123 u;epmap 135 t loc-srv;netbios-ns 137 u;netbios-dgm 138 u;netbios-ssn 139 t;imap2 143 t imap;
            snmp 161 t;snmp 161 u;snmp-trap 162 t snmptrap;snmp-trap 162 u snmptrap;cmip-man 163 t;cmip-man 163 u;
            cmip-agent 164 t;cmip-agent 164 u;mailq 174 t;xdmcp 177 u;bgp 179 t;smux 199 t;qmtp 209 t;z3950 210 t wais;
            ipx 213 u;ptp-event 319 u;ptp-general 320 u;pawserv 345 t;zserv 346 t;rpc2portmap 369 t;rpc2portmap 369 u;
            codaauth2 370 t;codaauth2 370 u;clearcase 371 u Clearcase;ldap 389 t;ldap 389 u;svrloc 427 t;svrloc 427 u;
            https 443 t;https 443 u;snpp 444 t;microsoft-ds 445 t;kpasswd 464 t;kpasswd 464 u;
            submissions 465 t ssmtp smtps urd;saft 487 t;isakmp 500 u;rtsp 554 t;rtsp 554 u;nqs 607 t;asf-rmcp 623 u;
            qmqp 628 t;ipp 631 t;ldp 646 t;ldp 646 u;exec 512 t;biff 512 u comsat;login 513 t;who 513 u whod;
            shell 514 t cmd syslog;syslog 514 u;printer 515 t spooler;talk 517 u;ntalk 518 u;route 520 u router routed;
            gdomap 538 t;gdomap 538 u;uucp 540 t uucpd;klogin 543 t;kshell 544 t krcmd;dhcpv6-client 546 u;
            dhcpv6-server 547 u;afpovertcp 548 t;nntps 563 t snntp;submission 587 t;ldaps 636 t;ldaps 636 u;tinc 655 t;
            tinc 655 u;silc 706 t;kerberos-adm 749 t;domain-s 853 t;domain-s 853 u;rsync 873 t;ftps-data 989 t;ftps 990 t;
            telnets 992 t;imaps 993 t;pop3s 995 t;socks 1080 t;proofd 1093 t;rootd 1094 t;openvpn 1194 t;openvpn 1194 u;
            rmiregistry 1099 t;lotusnote 1352 t lotusnotes;ms-sql-s 1433 t;ms-sql-m 1434 u;ingreslock 1524 t;
            datametrics 1645 t old-radius;datametrics 1645 u old-radius;sa-msg-port 1646 t old-radacct;
            sa-msg-port 1646 u old-radacct;kermit 1649 t;groupwise 1677 t;l2f 1701 u l2tp;radius 1812 t;radius 1812 u;
            radius-acct 1813 t radacct;radius-acct 1813 u radacct;cisco-sccp 2000 t;nfs 2049 t;nfs 2049 u;gnunet 2086 t;
            gnunet 2086 u;rtcm-sc104 2101 t;rtcm-sc104 2101 u;gsigatekeeper 2119 t;gris 2135 t;cvspserver 2401 t;
            venus 2430 t;venus 2430 u;venus-se 2431 t;venus-se 2431 u;codasrv 2432 t;codasrv 2432 u;codasrv-se 2433 t;
            codasrv-se 2433 u;mon 2583 t;mon 2583 u;dict 2628 t;f5-globalsite 2792 t;gsiftp 2811 t;gpsd 2947 t;
            gds-db 3050 t gds_db;icpv2 3130 u icp;isns 3205 t;isns 3205 u;iscsi-target 3260 t;mysql 3306 t;
            ms-wbt-server 3389 t;nut 3493 t;nut 3493 u;distcc 3632 t;daap 3689 t;svn 3690 t subversion;suucp 4031 t;
            sysrqd 4094 t;sieve 4190 t;epmd 4369 t;remctl 4373 t;f5-iquery 4353 t;ntske 4460 t;ipsec-nat-t 4500 u;
            iax 4569 u;mtn 4691 t;radmin-port 4899 t;sip 5060 t;sip 5060 u;sip-tls 5061 t;sip-tls 5061 u;
            xmpp-client 5222 t jabber-client;xmpp-server 5269 t jabber-server;cfengine 5308 t;mdns 5353 u;
            postgresql 5432 t postgres;freeciv 5556 t rptp;amqps 5671 t;amqp 5672 t;x11 6000 t x11-0;x11-1 6001 t;
            x11-2 6002 t;x11-3 6003 t;x11-4 6004 t;x11-5 6005 t;x11-6 6006 t;x11-7 6007 t;gnutella-svc 6346 t;
            gnutella-svc 6346 u;gnutella-rtr 6347 t;gnutella-rtr 6347 u;redis 6379 t;sge-qmaster 6444 t sge_qmaster;
            sge-execd 6445 t sge_execd;mysql-proxy 6446 t;babel 6696 u;ircs-u 6697 t;bbs 7000 t;afs3-fileserver 7000 u;
            afs3-callback 7001 u;afs3-prserver 7002 u;afs3-vlserver 7003 u;afs3-kaserver 7004 u;afs3-volser 7005 u;
            afs3-bos 7007 u;afs3-update 7008 u;afs3-rmtsys 7009 u;font-service 7100 t xfs;http-alt 8080 t webcache;
            puppet 8140 t;bacula-dir 9101 t;bacula-fd 9102 t;bacula-sd 9103 t;xmms2 9667 t;nbd 10809 t;
            zabbix-agent 10050 t;zabbix-trapper 10051 t;amanda 10080 t;dicom 11112 t;hkp 11371 t;db-lsp 17500 t;
            dcap 22125 t;gsidcap 22128 t;wnn6 22273 t;kerberos4 750 u kerberos-iv kdc;kerberos4 750 t kerberos-iv kdc;
            kerberos-master 751 u kerberos_master;kerberos-master 751 t;passwd-server 752 u passwd_server;
            krb-prop 754 t krb_prop krb5_prop hprop;zephyr-srv 2102 u;zephyr-clt 2103 u;zephyr-hm 2104 u;iprop 2121 t;
            supfilesrv 871 t;supfiledbg 1127 t;poppassd 106 t;moira-db 775 t moira_db;moira-update 777 t moira_update;
            moira-ureg 779 u moira_ureg;spamd 783 t;skkserv 1178 t;predict 1210 u;rmtcfg 1236 t;xtel 1313 t;xtelw 1314 t;
            zebrasrv 2600 t;zebra 2601 t;ripd 2602 t;ripngd 2603 t;ospfd 2604 t;bgpd 2605 t;ospf6d 2606 t;ospfapi 2607 t;
            isisd 2608 t;fax 4557 t;hylafax 4559 t;munin 4949 t lrrd;rplay 5555 u;nrpe 5666 t;nsca 5667 t;canna 5680 t;
            syslog-tls 6514 t;sane-port 6566 t sane saned;ircd 6667 t;zope-ftp 8021 t;tproxy 8081 t;omniorb 8088 t;
            clc-build-daemon 8990 t;xinetd 9098 t;git 9418 t;zope 9673 t;webmin 10000 t;kamanda 10081 t;amandaidx 10082 t;
            amidxtape 10083 t;sgi-cmsd 17001 u;sgi-crsd 17002 u;sgi-gcd 17003 u;sgi-cad 17004 t;binkp 24554 t;asp 27374 t;
            asp 27374 u;csync2 30865 t;dircproxy 57000 t;tfido 60177 t;fido 60179 t;
            """;
    private static final String PROTOCOLS = """
            ip 0 IP;hopopt 0 HOPOPT;icmp 1 ICMP;igmp 2 IGMP;ggp 3 GGP;ipencap 4 IP-ENCAP;st 5 ST;tcp 6 TCP;egp 8 EGP;
            igp 9 IGP;pup 12 PUP;udp 17 UDP;hmp 20 HMP;xns-idp 22 XNS-IDP;rdp 27 RDP;iso-tp4 29 ISO-TP4;dccp 33 DCCP;
            xtp 36 XTP;ddp 37 DDP;idpr-cmtp 38 IDPR-CMTP;ipv6 41 IPv6;ipv6-route 43 IPv6-Route;ipv6-frag 44 IPv6-Frag;
            idrp 45 IDRP;rsvp 46 RSVP;gre 47 GRE;esp 50 IPSEC-ESP;ah 51 IPSEC-AH;skip 57 SKIP;ipv6-icmp 58 IPv6-ICMP;
            ipv6-nonxt 59 IPv6-NoNxt;ipv6-opts 60 IPv6-Opts;rspf 73 RSPF;vmtp 81 VMTP;eigrp 88 EIGRP;ospf 89 OSPFIGP;
            ax.25 93 AX.25;ipip 94 IPIP;etherip 97 ETHERIP;encap 98 ENCAP;pim 103 PIM;ipcomp 108 IPCOMP;vrrp 112 VRRP;
            l2tp 115 L2TP;isis 124 ISIS;sctp 132 SCTP;fc 133 FC;mobility-header 135 Mobility-Header;udplite 136 UDPLite;
            mpls-in-ip 137 MPLS-in-IP;manet 138;hip 139 HIP;shim6 140 Shim6;wesp 141 WESP;rohc 142 ROHC;
            ethernet 143 Ethernet;mptcp 262 MPTCP;
            """;

    private static final Map<String, Integer> SERVICE_PORT = new HashMap<>();
    private static final Map<String, String> PORT_SERVICE = new HashMap<>();
    private static final Map<String, Integer> PROTO_NUMBER = new HashMap<>();
    private static final Map<Integer, String> NUMBER_PROTO = new HashMap<>();

    static {
        for (String e : SERVICES.replace("\n", "").split(";")) {
            String[] w = e.trim().split(" ");
            if (w.length < 3) {
                continue;
            }
            String proto = w[2].equals("t") ? "tcp" : "udp";
            int port = Integer.parseInt(w[1]);
            PORT_SERVICE.putIfAbsent(port + "/" + proto, w[0]);
            SERVICE_PORT.putIfAbsent(w[0] + "/" + proto, port);
            for (int i = 3; i < w.length; i++) {
                SERVICE_PORT.putIfAbsent(w[i] + "/" + proto, port);
            }
        }
        for (String e : PROTOCOLS.replace("\n", "").split(";")) {
            String[] w = e.trim().split(" ");
            if (w.length < 2) {
                continue;
            }
            int n = Integer.parseInt(w[1]);
            NUMBER_PROTO.putIfAbsent(n, w[0]);
            PROTO_NUMBER.putIfAbsent(w[0], n);
            if (w.length > 2) {
                PROTO_NUMBER.putIfAbsent(w[2], n);
            }
        }
    }

    private XtNames() {}

    /** getservbyport(port, proto): the service's name, or null. */
    public static String service(int port, String proto) {
        return PORT_SERVICE.get(port + "/" + proto);
    }

    /** getservbyname(name, proto): the port, or -1 (names are case-sensitive, as in libc). */
    public static int port(String name, String proto) {
        Integer p = SERVICE_PORT.get(name + "/" + proto);
        return p == null ? -1 : p;
    }

    /** getprotobynumber: the protocol's official name, or null. */
    public static String protocol(int number) {
        return NUMBER_PROTO.get(number);
    }

    /** getprotobyname (name or alias, case-sensitive): the number, or -1. */
    public static int protocolNumber(String name) {
        Integer n = PROTO_NUMBER.get(name);
        return n == null ? -1 : n;
    }

    /** getnetbyaddr over /etc/networks: the network's name, or null. */
    public static String network(int addr) {
        return switch (addr) {
            case 0 -> "default";
            case 0x7F000000 -> "loopback";
            case 0xA9FE0000 -> "link-local";
            default -> null;
        };
    }

    /** getnetbyname over /etc/networks: the address, or null. */
    public static Integer networkAddress(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> 0;
            case "loopback" -> 0x7F000000;
            case "link-local" -> 0xA9FE0000;
            default -> null;
        };
    }
}
