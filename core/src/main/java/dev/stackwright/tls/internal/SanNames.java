package dev.stackwright.tls.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/** A certificate's subject alternative names as text: {@code 10.0.10.4} for an address, the name for a DNS one. */
public final class SanNames {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private SanNames() {}

  static GeneralNames encode(List<String> names) {
    GeneralName[] general = new GeneralName[names.size()];
    for (int i = 0; i < general.length; i++) {
      String n = names.get(i);
      general[i] = new GeneralName(isAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n);
    }
    return new GeneralNames(general);
  }

  /** Whether {@code name} is an IPv4 address rather than a DNS name. */
  public static boolean isAddress(String name) {
    return IPV4.matcher(name).matches();
  }

  /** The certificate's names, in its order; none when it has no subjectAltName extension. */
  public static List<String> of(X509CertificateHolder certificate) {
    List<String> names = new ArrayList<>();
    GeneralNames general = GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName);
    if (general == null) {
      return names;
    }
    for (GeneralName g : general.getNames()) {
      if (g.getTagNo() == GeneralName.dNSName) {
        names.add(((ASN1String) g.getName()).getString());
      } else if (g.getTagNo() == GeneralName.iPAddress) {
        names.add(address(ASN1OctetString.getInstance(g.getName()).getOctets()));
      }
    }
    return names;
  }

  private static String address(byte[] octets) {
    try {
      return InetAddress.getByAddress(octets).getHostAddress();
    } catch (UnknownHostException e) {
      return "(an address of " + octets.length + " bytes)";
    }
  }

  /** Whether {@code pattern}, a certificate's DNS name, covers {@code name}: equal, or a wildcard for one label. */
  public static boolean covers(String pattern, String name) {
    String p = pattern.toLowerCase(java.util.Locale.ROOT);
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (p.equals(n)) {
      return true;
    }
    if (p.startsWith("*.") && !isAddress(n)) {
      int dot = n.indexOf('.');
      return dot > 0 && n.substring(dot + 1).equals(p.substring(2));
    }
    return false;
  }
}
