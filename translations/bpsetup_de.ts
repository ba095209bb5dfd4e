<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AemParsers</name>
    <message>
        <source>The package list is not the XML AEM&apos;s Package Manager sends.</source>
        <translation>Die Paketliste ist nicht das XML, das der Package Manager von AEM sendet.</translation>
    </message>
</context>
<context>
    <name>AemRestorer</name>
    <message>
        <source>This version of bpsetup cannot restore objects of the kind &quot;%1&quot;.</source>
        <translation>Diese Version von bpsetup kann Objekte der Art „%1“ nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>Restore %1 by hand from the backup folder, or use the bpsetup version that made the backup.</source>
        <translation>Stellen Sie %1 manuell aus dem Sicherungsordner wieder her, oder verwenden Sie die bpsetup-Version, mit der die Sicherung erstellt wurde.</translation>
    </message>
    <message>
        <source>Removing the configuration %1</source>
        <translation>Konfiguration %1 wird entfernt</translation>
    </message>
    <message>
        <source>The backup of %1 does not say where its file was.</source>
        <translation>Die Sicherung von %1 gibt nicht an, wo sich die zugehörige Datei befand.</translation>
    </message>
    <message>
        <source>Restoring the configuration %1</source>
        <translation>Konfiguration %1 wird wiederhergestellt</translation>
    </message>
    <message>
        <source>The configuration %1 is restored without its client secret: it was stored in clear text, and a backup never holds a clear-text secret.</source>
        <translation>Die Konfiguration %1 wird ohne ihr Client-Secret wiederhergestellt: Es war im Klartext gespeichert, und eine Sicherung enthält nie ein Secret im Klartext.</translation>
    </message>
    <message>
        <source>Enter the client secret again in Tools › Security › Adobe IMS Configurations.</source>
        <translation>Geben Sie das Client-Secret unter Tools › Security › Adobe IMS Configurations erneut ein.</translation>
    </message>
    <message>
        <source>Restoring the properties of %1</source>
        <translation>Eigenschaften von %1 werden wiederhergestellt</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>%1 wird entfernt</translation>
    </message>
    <message>
        <source>The backup %1 has no content package, so %2 cannot be brought back.</source>
        <translation>Die Sicherung %1 enthält kein Inhaltspaket, daher kann %2 nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Restore %1 from a repository backup of the instance.</source>
        <translation>Stellen Sie %1 aus einer Repository-Sicherung der Instanz wieder her.</translation>
    </message>
    <message>
        <source>Looking for the backup package</source>
        <translation>Sicherungspaket wird gesucht</translation>
    </message>
    <message>
        <source>No backup folder.</source>
        <translation>Kein Sicherungsordner.</translation>
    </message>
    <message>
        <source>The backup package is neither on the instance nor in the backup folder: %1</source>
        <translation>Das Sicherungspaket befindet sich weder auf der Instanz noch im Sicherungsordner: %1</translation>
    </message>
    <message>
        <source>Uploading the backup package</source>
        <translation>Sicherungspaket wird hochgeladen</translation>
    </message>
    <message>
        <source>Installing the backup package %1</source>
        <translation>Sicherungspaket %1 wird installiert</translation>
    </message>
    <message>
        <source>Removing the backup package %1</source>
        <translation>Sicherungspaket %1 wird entfernt</translation>
    </message>
</context>
<context>
    <name>AemSession</name>
    <message>
        <source>AEM or a dispatcher in front of it does not offer %1: allow it, or connect to the author directly.</source>
        <translation>AEM oder ein vorgeschalteter Dispatcher bietet %1 nicht an: Lassen Sie den Pfad zu, oder verbinden Sie sich direkt mit der Author-Instanz.</translation>
    </message>
    <message>
        <source>The AEM user needs write access to %1 (use an administrator).</source>
        <translation>Der AEM-Benutzer benötigt Schreibzugriff auf %1 (verwenden Sie einen Administrator).</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for this request, then run again.</source>
        <translation>Suchen Sie diese Anfrage im error.log von AEM, und führen Sie den Vorgang dann erneut aus.</translation>
    </message>
    <message>
        <source>%1: AEM answered %2.</source>
        <translation>%1: AEM hat mit %2 geantwortet.</translation>
    </message>
</context>
<context>
    <name>AgentsStep</name>
    <message>
        <source>Reading the replication agents</source>
        <translation>Replikationsagenten werden gelesen</translation>
    </message>
    <message>
        <source>Brand Portal replication agents</source>
        <translation>Brand Portal-Replikationsagenten</translation>
    </message>
    <message>
        <source>AEM creates %1 agents for the tenant when the cloud configuration is saved; bpsetup waits for them and sets Extended › Close Connection on each (the documented timeout fix).</source>
        <translation>AEM erstellt beim Speichern der Cloud-Konfiguration %1 Agenten für den Mandanten; bpsetup wartet auf sie und setzt bei jedem Extended › Close Connection (die dokumentierte Abhilfe gegen Zeitüberschreitungen).</translation>
    </message>
    <message>
        <source>Close Connection</source>
        <translation>Close Connection</translation>
    </message>
    <message>
        <source>AEM has created %1 of the %2 Brand Portal replication agents for %3.</source>
        <translation>AEM hat %1 der %2 Brand Portal-Replikationsagenten für %3 erstellt.</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for the agent creation, open the Brand Portal cloud configuration, make a small edit and save it again, then run apply again.</source>
        <translation>Suchen Sie im error.log von AEM nach der Erstellung der Agenten, öffnen Sie die Brand Portal-Cloud-Konfiguration, nehmen Sie eine kleine Änderung vor und speichern Sie sie erneut; führen Sie dann apply erneut aus.</translation>
    </message>
    <message>
        <source>Saving the cloud configuration again</source>
        <translation>Cloud-Konfiguration wird erneut gespeichert</translation>
    </message>
    <message>
        <source>Setting Close Connection on a replication agent</source>
        <translation>Close Connection wird an einem Replikationsagenten gesetzt</translation>
    </message>
    <message>
        <source>Only %1 of %2 Brand Portal replication agents are there.</source>
        <translation>Nur %1 von %2 Brand Portal-Replikationsagenten sind vorhanden.</translation>
    </message>
    <message>
        <source>Close Connection is not set on the agent %1.</source>
        <translation>Close Connection ist am Agenten %1 nicht gesetzt.</translation>
    </message>
</context>
<context>
    <name>ApplyCommand</name>
    <message>
        <source>Tests:</source>
        <translation>Tests:</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Backup: %1 (%2)</source>
        <translation>Sicherung: %1 (%2)</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source>Print the plan and run it without any write request.</source>
        <translation>Gibt den Plan aus und führt ihn ohne jede Schreibanfrage aus.</translation>
    </message>
    <message>
        <source>Do not ask: apply the plan as shown.</source>
        <translation>Fragt nicht nach: wendet den Plan wie angezeigt an.</translation>
    </message>
    <message>
        <source>A plan saved with `bpsetup plan --json`: apply refuses it if the instance changed since.</source>
        <translation>Ein mit `bpsetup plan --json` gespeicherter Plan: apply lehnt ihn ab, wenn sich die Instanz seitdem geändert hat.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source> (see bpsetup apply --help)</source>
        <translation> (siehe bpsetup apply --help)</translation>
    </message>
    <message>
        <source>%1 is not a plan saved with `bpsetup plan --json` (or it was a blocked plan).</source>
        <translation>%1 ist kein mit `bpsetup plan --json` gespeicherter Plan (oder es war ein blockierter Plan).</translation>
    </message>
    <message>
        <source>apply changes AEM and stdin is not a terminal to ask on: pass --yes to apply without asking, or --dry-run to see what it would do.</source>
        <translation>apply ändert AEM, und stdin ist kein Terminal für eine Rückfrage: Geben Sie --yes an, um ohne Rückfrage anzuwenden, oder --dry-run, um zu sehen, was geschehen würde.</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>%1 wird gelesen, die Anmeldedaten werden bei Adobe IMS geprüft…</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to %1?</source>
        <translation>
            <numerusform>%n Änderung auf %1 anwenden?</numerusform>
            <numerusform>%n Änderungen auf %1 anwenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Apply was not confirmed.</source>
        <translation>Das Anwenden wurde nicht bestätigt.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Probelauf: Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is in place.</source>
        <translation>Nichts zu tun: Die Konfiguration ist vorhanden.</translation>
    </message>
    <message>
        <source>Done: the Brand Portal configuration is in place and tested.</source>
        <translation>Fertig: Die Brand Portal-Konfiguration ist vorhanden und getestet.</translation>
    </message>
    <message>
        <source>Roll back to the state before apply (backup %1)?</source>
        <translation>Auf den Stand vor apply zurücksetzen (Sicherung %1)?</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>Zurückgesetzt: Die Objekte sind wieder so wie vor apply.</translation>
    </message>
    <message>
        <source>Also back up the touched objects as a content package built on the instance (Package Manager) and downloaded into the backup folder; the package stays under /etc/packages.</source>
        <translation>Sichert die betroffenen Objekte zusätzlich als Inhaltspaket, das auf der Instanz erstellt (Package Manager) und in den Sicherungsordner heruntergeladen wird; das Paket bleibt unter /etc/packages.</translation>
    </message>
    <message>
        <source>Creates the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author, or switches an existing JWT one to OAuth Server-to-Server: shows the plan, saves a backup of every object it touches, applies and verifies each step, then tests every Brand Portal replication agent. Asks before changing anything unless --yes is given.</source>
        <translation>Erstellt die Brand Portal-Konfiguration auf einer Author-Instanz von AEM 6.5 / 6.5 LTS oder stellt eine bestehende JWT-Konfiguration auf OAuth Server-to-Server um: zeigt den Plan, speichert eine Sicherung jedes betroffenen Objekts, wendet jeden Schritt an und überprüft ihn und testet dann jeden Brand Portal-Replikationsagenten. Fragt vor jeder Änderung nach, sofern --yes nicht angegeben ist.</translation>
    </message>
</context>
<context>
    <name>ApplyRecipe</name>
    <message>
        <source>The recipe %1 is not a JSON object.</source>
        <translation>Das Rezept %1 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has no value.</source>
        <translation>Der Eintrag „%1“ im apply-Rezept hat keinen Wert.</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has the wrong type of value.</source>
        <translation>Der Eintrag „%1“ im apply-Rezept hat einen Wert des falschen Typs.</translation>
    </message>
    <message>
        <source>The apply recipe has an unsupported schemaVersion.</source>
        <translation>Das apply-Rezept hat eine nicht unterstützte schemaVersion.</translation>
    </message>
    <message>
        <source>The apply recipe lacks the entry &quot;%1&quot;.</source>
        <translation>Im apply-Rezept fehlt der Eintrag „%1“.</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s runModesPattern is not a valid pattern.</source>
        <translation>Das runModesPattern des apply-Rezepts ist kein gültiges Muster.</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s hotfix namePattern is not a valid pattern.</source>
        <translation>Das Hotfix-namePattern des apply-Rezepts ist kein gültiges Muster.</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>The backup is damaged: %1</source>
        <translation>Die Sicherung ist beschädigt: %1</translation>
    </message>
    <message>
        <source>Use another backup (`bpsetup backups list`), or restore the objects by hand from the content package in the backup folder.</source>
        <translation>Verwenden Sie eine andere Sicherung (`bpsetup backups list`), oder stellen Sie die Objekte manuell aus dem Inhaltspaket im Sicherungsordner wieder her.</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2</source>
        <translation>Die Sicherung konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of the folder, then run apply again. Nothing was changed on AEM.</source>
        <translation>Geben Sie Speicherplatz frei oder korrigieren Sie die Berechtigungen des Ordners, und führen Sie apply dann erneut aus. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>a record lacks its step, kind or state.</source>
        <translation>einem Eintrag fehlen Schritt, Art oder Status.</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>nicht unterstützte schemaVersion.</translation>
    </message>
    <message>
        <source>its id is not valid.</source>
        <translation>ihre ID ist ungültig.</translation>
    </message>
    <message>
        <source>it has no records.</source>
        <translation>sie enthält keine Einträge.</translation>
    </message>
    <message>
        <source>its package file name is not valid.</source>
        <translation>ihr Paketdateiname ist ungültig.</translation>
    </message>
    <message>
        <source>Invalid backup id.</source>
        <translation>Ungültige Sicherungs-ID.</translation>
    </message>
    <message>
        <source>The backup folder %1 could not be created.</source>
        <translation>Der Sicherungsordner %1 konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Fix the permissions of %1 (or free disk space), then run apply again. Nothing was changed on AEM.</source>
        <translation>Korrigieren Sie die Berechtigungen von %1 (oder geben Sie Speicherplatz frei), und führen Sie apply dann erneut aus. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The disk holding %1 is full.</source>
        <translation>Der Datenträger mit %1 ist voll.</translation>
    </message>
    <message>
        <source>Free some disk space, then run apply again. Nothing was changed on AEM.</source>
        <translation>Geben Sie Speicherplatz frei, und führen Sie apply dann erneut aus. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>There is no backup &quot;%1&quot; in %2.</source>
        <translation>In %2 gibt es keine Sicherung „%1“.</translation>
    </message>
    <message>
        <source>List the backups with `bpsetup backups list`.</source>
        <translation>Listen Sie die Sicherungen mit `bpsetup backups list` auf.</translation>
    </message>
    <message>
        <source>backup.json is not JSON.</source>
        <translation>backup.json ist kein JSON.</translation>
    </message>
    <message>
        <source>its id does not match its folder.</source>
        <translation>ihre ID passt nicht zu ihrem Ordner.</translation>
    </message>
    <message>
        <source>The backup has no content package.</source>
        <translation>Die Sicherung enthält kein Inhaltspaket.</translation>
    </message>
</context>
<context>
    <name>BackupsCommand</name>
    <message>
        <source>Lists the backups apply saved before changing an instance.</source>
        <translation>Listet die Sicherungen auf, die apply vor dem Ändern einer Instanz gespeichert hat.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source> (see bpsetup backups --help)</source>
        <translation> (siehe bpsetup backups --help)</translation>
    </message>
    <message>
        <source>Usage: bpsetup backups list [--json]</source>
        <translation>Verwendung: bpsetup backups list [--json]</translation>
    </message>
    <message>
        <source>No backups in %1.</source>
        <translation>Keine Sicherungen in %1.</translation>
    </message>
    <message>
        <source>%1  damaged: %2</source>
        <translation>%1  beschädigt: %2</translation>
    </message>
    <message>
        <source>%1  %2  %3 object(s)%4</source>
        <translation>%1  %2  %3 Objekt(e)%4</translation>
    </message>
    <message>
        <source>, content package</source>
        <translation>, Inhaltspaket</translation>
    </message>
</context>
<context>
    <name>ChangeTypes</name>
    <message>
        <source>create</source>
        <translation>erstellen</translation>
    </message>
    <message>
        <source>update</source>
        <translation>ändern</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>löschen</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
</context>
<context>
    <name>CheckStatus</name>
    <message>
        <source>✔ Passed</source>
        <translation>✔ OK</translation>
    </message>
    <message>
        <source>✖ Failed</source>
        <translation>✖ Fehler</translation>
    </message>
    <message>
        <source>⚠ Warning</source>
        <translation>⚠ Warnung</translation>
    </message>
    <message>
        <source>– Skipped</source>
        <translation>– Übersprungen</translation>
    </message>
</context>
<context>
    <name>CloudConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>(the new IMS configuration)</source>
        <translation>(die neue IMS-Konfiguration)</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal-Cloud-Konfiguration</translation>
    </message>
    <message>
        <source>Saving it makes AEM create the Brand Portal replication agents.</source>
        <translation>Beim Speichern erstellt AEM die Brand Portal-Replikationsagenten.</translation>
    </message>
    <message>
        <source>Saving the Brand Portal cloud configuration</source>
        <translation>Brand Portal-Cloud-Konfiguration wird gespeichert</translation>
    </message>
    <message>
        <source>Reading back %1</source>
        <translation>%1 wird zurückgelesen</translation>
    </message>
    <message>
        <source>The cloud configuration %1 does not read back as saved (tenantURL, imsConfig): check that the recipe&apos;s property names match this AEM version.</source>
        <translation>Die Cloud-Konfiguration %1 wird nicht so zurückgelesen, wie sie gespeichert wurde (tenantURL, imsConfig): Prüfen Sie, ob die Eigenschaftsnamen des Rezepts zu dieser AEM-Version passen.</translation>
    </message>
</context>
<context>
    <name>ConfigFolderRead</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
</context>
<context>
    <name>ConnectionOptions</name>
    <message>
        <source>AEM author address, e.g. https://author.example.com.</source>
        <translation>Adresse der AEM-Author-Instanz, z. B. https://author.example.com.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name (an administrator).</source>
        <translation>AEM-Benutzername (ein Administrator).</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the password from the first line of stdin (else from BPSETUP_AEM_PASSWORD).</source>
        <translation>Liest das Passwort aus der ersten Zeile von stdin (sonst aus BPSETUP_AEM_PASSWORD).</translation>
    </message>
    <message>
        <source>Read a bearer token (AEM as a Cloud Service) from stdin instead of a password.</source>
        <translation>Liest statt eines Passworts ein Bearer-Token (AEM as a Cloud Service) aus stdin.</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) to trust.</source>
        <translation>Zusätzliche CA-Zertifikate (PEM), denen vertraut wird.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>Proxy URL (http://host:port or socks5://host:port); &quot;none&quot; for no proxy. Default: the system proxy.</source>
        <translation>Proxy-URL (http://host:port oder socks5://host:port); „none“ für keinen Proxy. Standard: der System-Proxy.</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 15).</source>
        <translation>Sekunden, die auf jede Antwort gewartet wird (Standard: 15).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Use a saved profile: its address and user, and its password or token from the keychain.</source>
        <translation>Verwendet ein gespeichertes Profil: dessen Adresse und Benutzer sowie Passwort oder Token aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Give --timeout in seconds, e.g. --timeout 30.</source>
        <translation>Geben Sie --timeout in Sekunden an, z. B. --timeout 30.</translation>
    </message>
    <message>
        <source>--aem URL is required, e.g. --aem http://localhost:4502.</source>
        <translation>--aem URL ist erforderlich, z. B. --aem http://localhost:4502.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; has no AEM password or token in the keychain: save one with bpsetup profile save %1 --password-stdin, or pipe it with --password-stdin.</source>
        <translation>Für das Profil „%1“ ist im Schlüsselbund kein AEM-Passwort und kein Token gespeichert: Speichern Sie eines mit bpsetup profile save %1 --password-stdin, oder übergeben Sie es per Pipe mit --password-stdin.</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>Token für %1: </translation>
    </message>
    <message>
        <source>--token-stdin was given but stdin had no token.</source>
        <translation>--token-stdin wurde angegeben, aber stdin enthielt kein Token.</translation>
    </message>
    <message>
        <source>--user U is required (or --token-stdin for a Cloud Service token).</source>
        <translation>--user U ist erforderlich (oder --token-stdin für ein Cloud Service-Token).</translation>
    </message>
    <message>
        <source>Password for %1 at %2: </source>
        <translation>Passwort für %1 auf %2: </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin wurde angegeben, aber stdin enthielt kein Passwort.</translation>
    </message>
    <message>
        <source>No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD.</source>
        <translation>Kein Passwort: Übergeben Sie es per Pipe mit --password-stdin, oder setzen Sie BPSETUP_AEM_PASSWORD.</translation>
    </message>
    <message>
        <source>Trusting this certificate for %1 from now on (saved in %2).</source>
        <translation>Diesem Zertifikat wird für %1 ab jetzt vertraut (gespeichert in %2).</translation>
    </message>
    <message>
        <source>Trust exactly the certificate with this SHA-256 fingerprint, as a failed run shows it: SHA256 for the server you name, HOST[:PORT]=SHA256 for any other host (Adobe IMS behind a proxy that inspects TLS, for example); repeat it for several hosts. Remembered once a connection worked with it.</source>
        <translation>Vertraut genau dem Zertifikat mit diesem SHA-256-Fingerabdruck, wie ihn ein fehlgeschlagener Lauf anzeigt: SHA256 für den angegebenen Server, HOST[:PORT]=SHA256 für jeden anderen Host (zum Beispiel Adobe IMS hinter einem Proxy, der TLS-Verbindungen untersucht); für mehrere Hosts wiederholen. Wird gespeichert, sobald eine Verbindung damit funktioniert hat.</translation>
    </message>
    <message>
        <source>[HOST:PORT=]SHA256</source>
        <translation>[HOST:PORT=]SHA256</translation>
    </message>
    <message>
        <source>The fingerprint for %1 was not needed (its certificate is trusted anyway, or %1 was not asked); nothing was pinned.</source>
        <translation>Der Fingerabdruck für %1 wurde nicht benötigt (sein Zertifikat ist ohnehin vertrauenswürdig, oder %1 wurde nicht kontaktiert); es wurde nichts fest hinterlegt.</translation>
    </message>
</context>
<context>
    <name>ContentPackage</name>
    <message>
        <source>Download %1 from Adobe&apos;s Software Distribution (%2) and give that file.</source>
        <translation>Laden Sie %1 von Adobe Software Distribution (%2) herunter, und geben Sie diese Datei an.</translation>
    </message>
    <message>
        <source>The package&apos;s properties.xml is not a properties document.</source>
        <translation>Die properties.xml des Pakets ist kein Eigenschaftsdokument.</translation>
    </message>
    <message>
        <source>%1 is not a zip file, so it is not an AEM content package.</source>
        <translation>%1 ist keine ZIP-Datei und daher kein AEM-Inhaltspaket.</translation>
    </message>
    <message>
        <source>%1 unpacks to more than a content package bpsetup accepts: %2</source>
        <translation>%1 ergibt entpackt mehr, als bpsetup für ein Inhaltspaket akzeptiert: %2</translation>
    </message>
    <message>
        <source>%1 is a damaged or incomplete zip file (%2).</source>
        <translation>%1 ist eine beschädigte oder unvollständige ZIP-Datei (%2).</translation>
    </message>
    <message>
        <source>%1 is a zip file but not an AEM content package (it has no %2).</source>
        <translation>%1 ist eine ZIP-Datei, aber kein AEM-Inhaltspaket (%2 fehlt).</translation>
    </message>
    <message>
        <source>%1 is a damaged zip file (%2).</source>
        <translation>%1 ist eine beschädigte ZIP-Datei (%2).</translation>
    </message>
    <message>
        <source>%1 is not an AEM content package: its %2 does not name the package.</source>
        <translation>%1 ist kein AEM-Inhaltspaket: %2 nennt keinen Paketnamen.</translation>
    </message>
    <message>
        <source>%1 names its package &quot;%2&quot;, which is not a valid package name.</source>
        <translation>%1 nennt sein Paket „%2“; das ist kein gültiger Paketname.</translation>
    </message>
    <message>
        <source>%1 is the content package %2 (group %3), not the OAuth compatibility hotfix %4 that AEM 6.5.11.0 to 6.5.20.0 need.</source>
        <translation>%1 ist das Inhaltspaket %2 (Gruppe %3), nicht der OAuth-Kompatibilitäts-Hotfix %4, den AEM 6.5.11.0 bis 6.5.20.0 benötigen.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>CreateOptions</name>
    <message>
        <source>OAuth Server-to-Server credential JSON from Developer Console.</source>
        <translation>JSON der OAuth Server-to-Server-Anmeldedaten aus der Developer Console.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>NAME|URL</source>
        <translation>NAME|URL</translation>
    </message>
    <message>
        <source>Adobe IMS (default https://ims-na1.adobelogin.com).</source>
        <translation>Adobe IMS (Standard: https://ims-na1.adobelogin.com).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (6.5.x.y, 6.6.x).</source>
        <translation>Verwendet diese AEM-Version, wenn sie nicht gelesen werden kann (6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Rezept-JSON, das die eingebauten detect- und apply-Einträge überschreibt.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup %2 --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup %2 --help).</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the OAuth Server-to-Server JSON downloaded from Developer Console).</source>
        <translation>--credentials DATEI ist erforderlich (das aus der Developer Console heruntergeladene JSON der OAuth Server-to-Server-Anmeldedaten).</translation>
    </message>
    <message>
        <source>The credential is incomplete: %1: %2</source>
        <translation>Die Anmeldedaten sind unvollständig: %1: %2</translation>
    </message>
    <message>
        <source>The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM 6.5.11.0 to 6.5.20.0: installed as the plan&apos;s first step.</source>
        <translation>Der OAuth-Kompatibilitäts-Hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) für AEM 6.5.11.0 bis 6.5.20.0: wird als erster Schritt des Plans installiert.</translation>
    </message>
    <message>
        <source>Brand Portal tenant: https://&lt;tenant&gt;.brand-portal.adobe.com or its name (read from the existing configuration when left out).</source>
        <translation>Brand Portal-Mandant: https://&lt;tenant&gt;.brand-portal.adobe.com oder sein Name (ohne Angabe wird er aus der bestehenden Konfiguration gelesen).</translation>
    </message>
    <message>
        <source>Replace the client secret stored in AEM with the credential&apos;s second secret (validated with IMS first), even when the stored one still works.</source>
        <translation>Ersetzt das in AEM gespeicherte Client-Secret durch das zweite Secret der Anmeldedaten (zuvor bei IMS validiert), auch wenn das gespeicherte noch funktioniert.</translation>
    </message>
    <message>
        <source>--rotate-secret needs a credential file with two client secrets: generate the second one in Adobe Developer Console and download the credential again.</source>
        <translation>--rotate-secret benötigt eine Anmeldedatendatei mit zwei Client-Secrets: Generieren Sie das zweite in der Adobe Developer Console, und laden Sie die Anmeldedaten erneut herunter.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway upgrade: wait up to SECONDS for the old agents&apos; queues to drain (default: refuse at once when an item is queued).</source>
        <translation>Umstellung vom Legacy OAuth Gateway: wartet bis zu SEKUNDEN, bis sich die Warteschlangen der alten Agenten geleert haben (Standard: lehnt sofort ab, wenn sich ein Element in einer Warteschlange befindet).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>--wait-for-idle takes a number of seconds from 0 to 86400, not &quot;%1&quot;.</source>
        <translation>--wait-for-idle erwartet eine Anzahl von Sekunden von 0 bis 86400, nicht „%1“.</translation>
    </message>
    <message>
        <source>JWT upgrade: also remove the key alias the JWT configuration used from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair).</source>
        <translation>JWT-Umstellung: entfernt zusätzlich den von der JWT-Konfiguration verwendeten Schlüsselalias aus dem Keystore des Dienstbenutzers (zuvor gesichert; OAuth Server-to-Server benötigt kein Schlüsselpaar).</translation>
    </message>
</context>
<context>
    <name>CreatePrerequisites</name>
    <message>
        <source>The AEM version could not be read.</source>
        <translation>Die AEM-Version konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Give it with --aem-version (6.5.x.y or 6.6.x), or allow /system/console/productinfo.</source>
        <translation>Geben Sie sie mit --aem-version an (6.5.x.y oder 6.6.x), oder lassen Sie /system/console/productinfo zu.</translation>
    </message>
    <message>
        <source>This is AEM as a Cloud Service: Brand Portal is activated in Cloud Manager, not configured on the instance.</source>
        <translation>Dies ist AEM as a Cloud Service: Brand Portal wird in Cloud Manager aktiviert, nicht auf der Instanz konfiguriert.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (your Adobe representative enables it).</source>
        <translation>Aktivieren Sie Brand Portal in Cloud Manager (Ihr Adobe-Ansprechpartner schaltet es frei).</translation>
    </message>
    <message>
        <source>AEM %1 cannot be connected to Brand Portal through Adobe Developer Console (6.5.4.0 or later is needed).</source>
        <translation>AEM %1 kann nicht über die Adobe Developer Console mit Brand Portal verbunden werden (6.5.4.0 oder höher ist erforderlich).</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later), then run bpsetup again.</source>
        <translation>Installieren Sie das neueste Service Pack für AEM 6.5 (6.5.21.0 oder höher), und führen Sie bpsetup dann erneut aus.</translation>
    </message>
    <message>
        <source>AEM %1 has no OAuth Server-to-Server support, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>AEM %1 unterstützt OAuth Server-to-Server nicht, und neue JWT-Anmeldedaten können seit 2024-06-03 nicht mehr erstellt werden.</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later; 6.5.11.0 with the compatibility hotfix at least), then run bpsetup again.</source>
        <translation>Installieren Sie das neueste Service Pack für AEM 6.5 (6.5.21.0 oder höher; mindestens 6.5.11.0 mit dem Kompatibilitäts-Hotfix), und führen Sie bpsetup dann erneut aus.</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix; the package you gave is installed as the plan&apos;s first step.</source>
        <translation>AEM %1 benötigt den OAuth-Kompatibilitäts-Hotfix; das angegebene Paket wird als erster Schritt des Plans installiert.</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Nichts zu tun.</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix ims-jwt-compatibility-package-6.5-1.0.zip before an OAuth Server-to-Server IMS configuration can be made.</source>
        <translation>AEM %1 benötigt den OAuth-Kompatibilitäts-Hotfix ims-jwt-compatibility-package-6.5-1.0.zip, bevor eine IMS-Konfiguration mit OAuth Server-to-Server erstellt werden kann.</translation>
    </message>
    <message>
        <source>This is a publish instance: Brand Portal is configured on the author.</source>
        <translation>Dies ist eine Publish-Instanz: Brand Portal wird auf der Author-Instanz konfiguriert.</translation>
    </message>
    <message>
        <source>Connect to the AEM author instance instead.</source>
        <translation>Verbinden Sie sich stattdessen mit der AEM-Author-Instanz.</translation>
    </message>
    <message>
        <source>The run modes could not be read (/system/console blocked?): make sure this is the author.</source>
        <translation>Die Ausführungsmodi konnten nicht gelesen werden (/system/console blockiert?): Stellen Sie sicher, dass dies die Author-Instanz ist.</translation>
    </message>
    <message>
        <source>Nothing to do if it is the author.</source>
        <translation>Nichts zu tun, wenn es die Author-Instanz ist.</translation>
    </message>
    <message>
        <source>IMS has not issued a token for this credential.</source>
        <translation>IMS hat für diese Anmeldedaten kein Token ausgestellt.</translation>
    </message>
    <message>
        <source>Check the client id and secret in Adobe Developer Console, then run again.</source>
        <translation>Prüfen Sie Client-ID und Secret in der Adobe Developer Console, und führen Sie den Vorgang dann erneut aus.</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe converted every JWT credential to OAuth Server-to-Server by 2026-03-01; JWT token exchange no longer works.</source>
        <translation>Dies sind Anmeldedaten vom Typ Service Account (JWT). Adobe hat bis 2026-03-01 alle JWT-Anmeldedaten auf OAuth Server-to-Server umgestellt; der JWT-Token-Austausch funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential; new configurations use OAuth Server-to-Server (JWT reaches its end on 2026-03-01).</source>
        <translation>Dies sind Anmeldedaten vom Typ Service Account (JWT); neue Konfigurationen verwenden OAuth Server-to-Server (JWT erreicht am 2026-03-01 sein Ende).</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same) and give that file instead.</source>
        <translation>Laden Sie die OAuth Server-to-Server-Anmeldedaten desselben Developer Console-Projekts herunter (die Client-ID ist dieselbe), und geben Sie stattdessen diese Datei an.</translation>
    </message>
    <message>
        <source>The credential&apos;s kind could not be recognised.</source>
        <translation>Die Art der Anmeldedaten konnte nicht erkannt werden.</translation>
    </message>
    <message>
        <source>Give the OAuth Server-to-Server credential downloaded from Adobe Developer Console.</source>
        <translation>Geben Sie die aus der Adobe Developer Console heruntergeladenen OAuth Server-to-Server-Anmeldedaten an.</translation>
    </message>
    <message>
        <source>Download the package from Adobe&apos;s Software Distribution (link below), install it with Package Manager, then run bpsetup again; or install 6.5.21.0 or later.</source>
        <translation>Laden Sie das Paket von Adobe Software Distribution herunter (Link unten), installieren Sie es mit dem Package Manager, und führen Sie bpsetup dann erneut aus; oder installieren Sie 6.5.21.0 oder höher.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: a dispatcher or firewall blocks the Felix console, and bpsetup writes the IMS configuration through it (configMgr) and has AEM encrypt the client secret there (crypto).</source>
        <translation>%1 ist nicht erreichbar: Ein Dispatcher oder eine Firewall blockiert die Felix-Konsole, über die bpsetup die IMS-Konfiguration schreibt (configMgr) und AEM das Client-Secret verschlüsseln lässt (crypto).</translation>
    </message>
    <message>
        <source>Allow /system/console/configMgr and /system/console/crypto for your address (or connect to the author directly, e.g. port 4502), then plan again.</source>
        <translation>Lassen Sie /system/console/configMgr und /system/console/crypto für Ihre Adresse zu (oder verbinden Sie sich direkt mit der Author-Instanz, z. B. Port 4502), und erstellen Sie den Plan dann erneut.</translation>
    </message>
    <message>
        <source>The existing configuration belongs to the tenant %1, not to the tenant given.</source>
        <translation>Die bestehende Konfiguration gehört zum Mandanten %1, nicht zum angegebenen Mandanten.</translation>
    </message>
    <message>
        <source>Leave the tenant out to keep %1 (it is read from the existing configuration), or remove that configuration first: Adobe allows one author per tenant.</source>
        <translation>Lassen Sie den Mandanten weg, um %1 beizubehalten (er wird aus der bestehenden Konfiguration gelesen), oder entfernen Sie zuerst diese Konfiguration: Adobe erlaubt eine Author-Instanz pro Mandant.</translation>
    </message>
    <message>
        <source>No tenant was given and none can be read from an existing configuration.</source>
        <translation>Es wurde kein Mandant angegeben, und aus einer bestehenden Konfiguration lässt sich keiner lesen.</translation>
    </message>
    <message>
        <source>Give the tenant with --tenant (https://&lt;tenant&gt;.brand-portal.adobe.com or its name).</source>
        <translation>Geben Sie den Mandanten mit --tenant an (https://&lt;tenant&gt;.brand-portal.adobe.com oder sein Name).</translation>
    </message>
    <message>
        <source>The JWT configuration uses the client id %1, the credential given another one. Adobe&apos;s conversion to OAuth Server-to-Server keeps the client id, so this credential probably belongs to another Developer Console project.</source>
        <translation>Die JWT-Konfiguration verwendet die Client-ID %1, die angegebenen Anmeldedaten eine andere. Adobes Umstellung auf OAuth Server-to-Server behält die Client-ID bei, daher gehören diese Anmeldedaten wahrscheinlich zu einem anderen Developer Console-Projekt.</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the project whose client id is %1 (its credential page in Developer Console), and give that file.</source>
        <translation>Laden Sie die OAuth Server-to-Server-Anmeldedaten des Projekts mit der Client-ID %1 herunter (über die Seite der Anmeldedaten in der Developer Console), und geben Sie diese Datei an.</translation>
    </message>
</context>
<context>
    <name>CreateSession</name>
    <message>
        <source>Another Brand Portal IMS configuration (client %1); Adobe allows only one.</source>
        <translation>Eine weitere Brand Portal-IMS-Konfiguration (Client %1); Adobe erlaubt nur eine.</translation>
    </message>
    <message>
        <source>Part of the Legacy OAuth Gateway setup; Adobe&apos;s upgrade deletes it before the new configuration is created (the gateway it used is gone).</source>
        <translation>Teil der Legacy OAuth Gateway-Einrichtung; Adobes Umstellungsverfahren löscht sie, bevor die neue Konfiguration erstellt wird (das von ihr verwendete Gateway existiert nicht mehr).</translation>
    </message>
    <message>
        <source>The configuration is inconsistent (%1); Adobe&apos;s remedy is to delete it and create it again.</source>
        <translation>Die Konfiguration ist inkonsistent (%1); Adobes Abhilfe besteht darin, sie zu löschen und neu zu erstellen.</translation>
    </message>
</context>
<context>
    <name>Credential</name>
    <message>
        <source>OAuth Server-to-Server</source>
        <translation>OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation>Service Account (JWT) – von Adobe eingestellt</translation>
    </message>
    <message>
        <source>Unknown credential kind</source>
        <translation>Unbekannte Art von Anmeldedaten</translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and the remaining ones were converted to OAuth Server-to-Server by 2026-03-01. Use it only to check or migrate an existing setup; new setups use OAuth Server-to-Server (same client ID after migration).</source>
        <translation>Dies sind Anmeldedaten vom Typ Service Account (JWT). Adobe hat JWT-Anmeldedaten eingestellt: Seit 2024-06-03 können keine neuen erstellt werden, am 2025-06-30 endete ihr Lebenszyklus, und die verbliebenen wurden bis 2026-03-01 auf OAuth Server-to-Server umgestellt. Verwenden Sie sie nur, um eine bestehende Einrichtung zu prüfen oder zu migrieren; neue Einrichtungen verwenden OAuth Server-to-Server (nach der Migration mit derselben Client-ID).</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and remaining ones are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Migrate to OAuth Server-to-Server.</source>
        <translation>Dies sind Anmeldedaten vom Typ Service Account (JWT). Adobe hat JWT-Anmeldedaten eingestellt: Seit 2024-06-03 können keine neuen erstellt werden, am 2025-06-30 endete ihr Lebenszyklus, und die verbliebenen werden bei Ablauf des Zertifikats oder am 2026-03-01 auf OAuth Server-to-Server umgestellt, je nachdem, was zuerst eintritt. Migrieren Sie zu OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The credential file is not valid JSON (%1 at character %2). If you copied it, copy the whole file again; if it was downloaded, download it again from Developer Console.</source>
        <translation>Die Anmeldedatendatei ist kein gültiges JSON (%1 bei Zeichen %2). Wenn Sie sie kopiert haben, kopieren Sie die ganze Datei erneut; wenn sie heruntergeladen wurde, laden Sie sie erneut aus der Developer Console herunter.</translation>
    </message>
    <message>
        <source>The credential file must be a JSON object, as Developer Console downloads it.</source>
        <translation>Die Anmeldedatendatei muss ein JSON-Objekt sein, so wie die Developer Console sie zum Herunterladen bereitstellt.</translation>
    </message>
    <message>
        <source>This project download contains no credentials. Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, then download it again.</source>
        <translation>Dieser Projekt-Download enthält keine Anmeldedaten. Fügen Sie dem Projekt OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API hinzu, und laden Sie es dann erneut herunter.</translation>
    </message>
    <message>
        <source>This project download has only %1 credentials, which cannot log in server-to-server. Add an OAuth Server-to-Server credential with the AEM Brand Portal API, then download it again.</source>
        <translation>Dieser Projekt-Download enthält nur Anmeldedaten vom Typ %1, mit denen keine Server-to-Server-Anmeldung möglich ist. Fügen Sie OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API hinzu, und laden Sie das Projekt dann erneut herunter.</translation>
    </message>
    <message>
        <source>The credential is being migrated from JWT; the OAuth Server-to-Server part is used. Finish the migration in Developer Console once AEM uses it.</source>
        <translation>Die Anmeldedaten werden gerade von JWT migriert; der OAuth Server-to-Server-Teil wird verwendet. Schließen Sie die Migration in der Developer Console ab, sobald AEM ihn verwendet.</translation>
    </message>
    <message>
        <source>The project has %1 server-to-server credentials; &quot;%2&quot; is used.</source>
        <translation>Das Projekt enthält %1 Server-to-Server-Anmeldedaten; „%2“ wird verwendet.</translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; credential, which cannot log in server-to-server. Use an OAuth Server-to-Server credential with the AEM Brand Portal API.</source>
        <translation>Dies sind Anmeldedaten vom Typ „%1“, mit denen keine Server-to-Server-Anmeldung möglich ist. Verwenden Sie OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API.</translation>
    </message>
    <message>
        <source>This is an AEM as a Cloud Service service credential (from the AEM Developer Console), not a Developer Console credential for Brand Portal. Download the credential of the project that has the AEM Brand Portal API.</source>
        <translation>Dies sind Dienst-Anmeldedaten von AEM as a Cloud Service (aus der AEM Developer Console), keine Developer Console-Anmeldedaten für Brand Portal. Laden Sie die Anmeldedaten des Projekts herunter, das die AEM Brand Portal API enthält.</translation>
    </message>
    <message>
        <source>A JWT payload has no client secret: add it from the credential page.</source>
        <translation>Ein JWT-Payload enthält kein Client-Secret: Übernehmen Sie es von der Seite der Anmeldedaten.</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expired on %2; a JWT signed with its key is rejected.</source>
        <translation>Das Zertifikat %1… dieser Anmeldedaten ist am %2 abgelaufen; ein mit seinem Schlüssel signiertes JWT wird abgelehnt.</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expires on %2, within 30 days.</source>
        <translation>Das Zertifikat %1… dieser Anmeldedaten läuft am %2 ab, also innerhalb von 30 Tagen.</translation>
    </message>
    <message>
        <source>This is an OAuth Web/user credential (it has redirect URIs). Brand Portal needs an OAuth Server-to-Server credential.</source>
        <translation>Dies sind OAuth-Anmeldedaten für Web/Benutzer (sie enthalten Redirect-URIs). Brand Portal benötigt OAuth Server-to-Server-Anmeldedaten.</translation>
    </message>
    <message>
        <source>This JSON is not a Developer Console credential (found the keys: %1). Download the credential from the project in Developer Console (Download all, or Download JSON on the credential page).</source>
        <translation>Dieses JSON enthält keine Developer Console-Anmeldedaten (gefundene Schlüssel: %1). Laden Sie die Anmeldedaten aus dem Projekt in der Developer Console herunter (Download all, oder Download JSON auf der Seite der Anmeldedaten).</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the %1.</source>
        <translation>Leerzeichen oder Zeilenumbrüche vor und nach dem Wert entfernt: %1.</translation>
    </message>
    <message>
        <source>client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>Organisations-ID</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>technische Konto-ID</translation>
    </message>
    <message>
        <source>technical account email</source>
        <translation>E-Mail-Adresse des technischen Kontos</translation>
    </message>
    <message>
        <source>Removed spaces around the scopes (IMS expects them comma-separated without spaces).</source>
        <translation>Leerzeichen um die Scopes entfernt (IMS erwartet sie kommagetrennt ohne Leerzeichen).</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the client secret.</source>
        <translation>Leerzeichen oder Zeilenumbrüche vor und nach dem Client-Secret entfernt.</translation>
    </message>
    <message>
        <source>Choose the credential kind: OAuth Server-to-Server for new setups.</source>
        <translation>Wählen Sie die Art der Anmeldedaten: OAuth Server-to-Server für neue Einrichtungen.</translation>
    </message>
    <message>
        <source>The client ID (API key) is missing. Copy it from the credential page in Developer Console.</source>
        <translation>Die Client-ID (API-Schlüssel) fehlt. Kopieren Sie sie von der Seite der Anmeldedaten in der Developer Console.</translation>
    </message>
    <message>
        <source>The client ID contains spaces; copy it again.</source>
        <translation>Die Client-ID enthält Leerzeichen; kopieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>The organization ID is missing. Copy it from Developer Console (it ends in @AdobeOrg).</source>
        <translation>Die Organisations-ID fehlt. Kopieren Sie sie aus der Developer Console (sie endet auf @AdobeOrg).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IMS organization ID: it must end in @AdobeOrg. The numeric console org id is a different value.</source>
        <translation>„%1“ ist keine IMS-Organisations-ID: Sie muss auf @AdobeOrg enden. Die numerische Organisations-ID der Console ist ein anderer Wert.</translation>
    </message>
    <message>
        <source>The client secret is missing or empty. Copy it from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>Das Client-Secret fehlt oder ist leer. Kopieren Sie es von der Seite der Anmeldedaten in der Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>The client secret contains spaces or line breaks; copy it again.</source>
        <translation>Das Client-Secret enthält Leerzeichen oder Zeilenumbrüche; kopieren Sie es erneut.</translation>
    </message>
    <message>
        <source>An OAuth Server-to-Server credential has at most two client secrets.</source>
        <translation>OAuth Server-to-Server-Anmeldedaten haben höchstens zwei Client-Secrets.</translation>
    </message>
    <message>
        <source>The scopes are missing. Copy them exactly as listed on the credential&apos;s Scopes tab; Adobe publishes no fixed list for Brand Portal.</source>
        <translation>Die Scopes fehlen. Kopieren Sie sie genau so, wie sie auf der Registerkarte Scopes der Anmeldedaten aufgeführt sind; Adobe veröffentlicht für Brand Portal keine feste Liste.</translation>
    </message>
    <message>
        <source>Separate the scopes with commas, not spaces, exactly as the Scopes tab lists them.</source>
        <translation>Trennen Sie die Scopes durch Kommas, nicht durch Leerzeichen, genau wie auf der Registerkarte Scopes.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a JWT metascope, not an OAuth scope. Use the scopes from the OAuth Server-to-Server credential&apos;s Scopes tab.</source>
        <translation>„%1“ ist ein JWT-Metascope, kein OAuth-Scope. Verwenden Sie die Scopes von der Registerkarte Scopes der OAuth Server-to-Server-Anmeldedaten.</translation>
    </message>
    <message>
        <source>The technical account ID is missing (it ends in @techacct.adobe.com).</source>
        <translation>Die technische Konto-ID fehlt (sie endet auf @techacct.adobe.com).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a technical account ID (it ends in @techacct.adobe.com; the technical account email is a different value).</source>
        <translation>„%1“ ist keine technische Konto-ID (diese endet auf @techacct.adobe.com; die E-Mail-Adresse des technischen Kontos ist ein anderer Wert).</translation>
    </message>
    <message>
        <source>The metascopes are missing. For AEM Brand Portal it is ent_brand_portal_sdk (see the credential&apos;s JWT payload).</source>
        <translation>Die Metascopes fehlen. Für AEM Brand Portal ist das ent_brand_portal_sdk (siehe JWT-Payload der Anmeldedaten).</translation>
    </message>
</context>
<context>
    <name>DeleteNodeStep</name>
    <message>
        <source>Delete the replication agent %1</source>
        <translation>Replikationsagent %1 löschen</translation>
    </message>
    <message>
        <source>Delete the Brand Portal cloud configuration %1</source>
        <translation>Brand Portal-Cloud-Konfiguration %1 löschen</translation>
    </message>
    <message>
        <source>Delete the replication user %1</source>
        <translation>Replikationsbenutzer %1 löschen</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>Bereits entfernt.</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 ist noch vorhanden.</translation>
    </message>
</context>
<context>
    <name>DeleteOsgiConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>Remove another Brand Portal IMS configuration</source>
        <translation>Weitere Brand Portal-IMS-Konfiguration entfernen</translation>
    </message>
    <message>
        <source>Removing the IMS configuration</source>
        <translation>IMS-Konfiguration wird entfernt</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 ist noch vorhanden.</translation>
    </message>
</context>
<context>
    <name>DetectCommand</name>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Bereitstellung:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>  (chosen by hand)</source>
        <translation>  (manuell gewählt)</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>conflict: %1</source>
        <translation>Konflikt: %1</translation>
    </message>
    <message>
        <source>OAuth S2S:</source>
        <translation>OAuth S2S:</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>unterstützt</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>Konfiguration:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Mandant:</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>Gefunden:</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Probleme:</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>Weg:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>First:</source>
        <translation>Zuerst:</translation>
    </message>
    <message>
        <source>Reads the AEM version and the existing Brand Portal configuration, and reports the setup route. Read-only: sends no write requests.</source>
        <translation>Liest die AEM-Version und die bestehende Brand Portal-Konfiguration und meldet den Einrichtungsweg. Nur lesend: sendet keine Schreibanfragen.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>Verwendet diese AEM-Version, wenn sie nicht gelesen werden kann (cloud, 6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Detection recipe JSON replacing the built-in one.</source>
        <translation>Erkennungsrezept-JSON, das das eingebaute Rezept ersetzt.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source> (see bpsetup detect --help)</source>
        <translation> (siehe bpsetup detect --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup detect --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup detect --help).</translation>
    </message>
</context>
<context>
    <name>DetectionRecipe</name>
    <message>
        <source>The detection recipe is not valid: %1</source>
        <translation>Das Erkennungsrezept ist ungültig: %1</translation>
    </message>
    <message>
        <source>a pattern is missing or invalid</source>
        <translation>ein Muster fehlt oder ist ungültig</translation>
    </message>
    <message>
        <source>a repository path or name is missing</source>
        <translation>ein Repository-Pfad oder -Name fehlt</translation>
    </message>
    <message>
        <source>a version source needs an id and an absolute path</source>
        <translation>eine Versionsquelle benötigt eine ID und einen absoluten Pfad</translation>
    </message>
    <message>
        <source>version source %1 needs a pattern with one capture group</source>
        <translation>Versionsquelle %1 benötigt ein Muster mit einer Erfassungsgruppe</translation>
    </message>
    <message>
        <source>version source %1 needs packageGroup and packageName</source>
        <translation>Versionsquelle %1 benötigt packageGroup und packageName</translation>
    </message>
    <message>
        <source>version source %1 has an unknown kind &quot;%2&quot;</source>
        <translation>Versionsquelle %1 hat eine unbekannte Art „%2“</translation>
    </message>
    <message>
        <source>at least two independent version sources are needed</source>
        <translation>mindestens zwei voneinander unabhängige Versionsquellen sind erforderlich</translation>
    </message>
    <message>
        <source>%1 is missing from this build</source>
        <translation>%1 fehlt in diesem Build</translation>
    </message>
    <message>
        <source>%1 is not a JSON object (%2)</source>
        <translation>%1 ist kein JSON-Objekt (%2)</translation>
    </message>
    <message>
        <source>distributionAgent.path must be an absolute path</source>
        <translation>distributionAgent.path muss ein absoluter Pfad sein</translation>
    </message>
</context>
<context>
    <name>DiagnoseCatalogue</name>
    <message>
        <source>AEM reachable</source>
        <translation>AEM erreichbar</translation>
    </message>
    <message>
        <source>Author instance</source>
        <translation>Author-Instanz</translation>
    </message>
    <message>
        <source>AEM version and service pack</source>
        <translation>AEM-Version und Service Pack</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server support</source>
        <translation>Unterstützung für OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Configuration state</source>
        <translation>Konfigurationsstatus</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS-Konfiguration</translation>
    </message>
    <message>
        <source>One Brand Portal IMS configuration</source>
        <translation>Eine einzige Brand Portal-IMS-Konfiguration</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal-Cloud-Konfiguration</translation>
    </message>
    <message>
        <source>Tenant URL</source>
        <translation>Mandanten-URL</translation>
    </message>
    <message>
        <source>Leftovers of an old setup</source>
        <translation>Überreste einer alten Einrichtung</translation>
    </message>
    <message>
        <source>Replication agents enabled</source>
        <translation>Replikationsagenten aktiviert</translation>
    </message>
    <message>
        <source>Close Connection on the agents</source>
        <translation>Close Connection an den Agenten</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>Replikationsagenten (Test Connection)</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>Replikationswarteschlangen</translation>
    </message>
    <message>
        <source>Distribution agent (Cloud Service)</source>
        <translation>Verteilungsagent (Cloud Service)</translation>
    </message>
    <message>
        <source>Distribution queues (Cloud Service)</source>
        <translation>Verteilungswarteschlangen (Cloud Service)</translation>
    </message>
    <message>
        <source>Distribution agent Test Connection</source>
        <translation>Test Connection des Verteilungsagenten</translation>
    </message>
    <message>
        <source>Clock difference to AEM</source>
        <translation>Zeitabweichung gegenüber AEM</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Paths the checks need are not blocked</source>
        <translation>Für die Prüfungen benötigte Pfade sind nicht blockiert</translation>
    </message>
    <message>
        <source>One author per tenant</source>
        <translation>Eine Author-Instanz pro Mandant</translation>
    </message>
    <message>
        <source>Keystore certificates</source>
        <translation>Keystore-Zertifikate</translation>
    </message>
    <message>
        <source>IMS configuration in use (Configuration Admin)</source>
        <translation>Verwendete IMS-Konfiguration (Configuration Admin)</translation>
    </message>
</context>
<context>
    <name>DiagnoseCommand</name>
    <message>
        <source> (Test Connection: with --run-tests)</source>
        <translation> (Test Connection: mit --run-tests)</translation>
    </message>
    <message>
        <source>Read-only health checks of one AEM author&apos;s Brand Portal connection, each with the evidence read and a remedy: version and OAuth support, configuration state, IMS and cloud configurations, tenant URL, leftovers, replication agents and queues (6.5) or the distribution agent (Cloud Service), clock difference and proxy. Nothing is written; with --run-tests the agents&apos; Test Connection requests are sent too. Exit 0 when no check fails, 1 when one does, 3 when AEM cannot be reached.</source>
        <translation>Nur lesende Zustandsprüfungen der Brand Portal-Verbindung einer AEM-Author-Instanz, jeweils mit dem gelesenen Befund und einer Abhilfe: Version und OAuth-Unterstützung, Konfigurationsstatus, IMS- und Cloud-Konfigurationen, Mandanten-URL, Überreste, Replikationsagenten und Warteschlangen (6.5) bzw. Verteilungsagent (Cloud Service), Zeitabweichung und Proxy. Es wird nichts geschrieben; mit --run-tests werden zusätzlich die Test Connection-Anfragen der Agenten gesendet. Exit-Code 0, wenn keine Prüfung fehlschlägt, 1, wenn eine fehlschlägt, 3, wenn AEM nicht erreichbar ist.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus: ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</translation>
    </message>
    <message>
        <source>Run only these checks (comma-separated ids; see --list-checks).</source>
        <translation>Führt nur diese Prüfungen aus (kommagetrennte IDs; siehe --list-checks).</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>IDS</translation>
    </message>
    <message>
        <source>List the checks (id, severity, title) and exit.</source>
        <translation>Listet die Prüfungen auf (ID, Schweregrad, Titel) und beendet sich.</translation>
    </message>
    <message>
        <source>Also run the agents&apos; Test Connection (it sends a test package through each agent; the only requests diagnose may send that are not reads).</source>
        <translation>Führt zusätzlich die Test Connection der Agenten aus (sie sendet ein Testpaket über jeden Agenten; die einzigen Anfragen von diagnose, die keine Lesezugriffe sind).</translation>
    </message>
    <message>
        <source> (see bpsetup diagnose --help)</source>
        <translation> (siehe bpsetup diagnose --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup diagnose --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup diagnose --help).</translation>
    </message>
    <message>
        <source>Unknown check &quot;%1&quot; (bpsetup diagnose --list-checks lists them).</source>
        <translation>Unbekannte Prüfung „%1“ (bpsetup diagnose --list-checks listet sie auf).</translation>
    </message>
    <message>
        <source>Also write the report as one self-contained HTML file (opens offline, prints well; no secret can reach it).</source>
        <translation>Schreibt den Bericht zusätzlich als eigenständige HTML-Datei (lässt sich offline öffnen und gut drucken; kein Geheimnis kann hineingelangen).</translation>
    </message>
    <message>
        <source>FILE.html</source>
        <translation>DATEI.html</translation>
    </message>
    <message>
        <source>Replace host names and tenant names with stable placeholders (aem-host-1, tenant-1) in the report and the JSON, so a customer can send it.</source>
        <translation>Ersetzt Hostnamen und Mandantennamen im Bericht und im JSON durch stabile Platzhalter (aem-host-1, tenant-1), damit ein Kunde ihn weitergeben kann.</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Password for the instances of %1: </source>
        <translation>Passwort für die Instanzen von %1: </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin wurde angegeben, aber stdin enthielt kein Passwort.</translation>
    </message>
    <message>
        <source>The inventory lists URLs: give their password with --password-stdin (one for all) or BPSETUP_AEM_PASSWORD, or list saved profiles instead.</source>
        <translation>Das Inventar listet URLs auf: Geben Sie deren Passwort mit --password-stdin (eines für alle) oder BPSETUP_AEM_PASSWORD an, oder führen Sie stattdessen gespeicherte Profile auf.</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Fehlgeschlagene Prüfungen</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s):</source>
        <translation>
            <numerusform>%n Instanz:</numerusform>
            <numerusform>%n Instanzen:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>%1 ohne Fehler, %2 mit fehlgeschlagenen Prüfungen, %3 nicht erreicht.</translation>
    </message>
    <message>
        <source>Diagnose every instance FILE lists (CSV with a header name,url,user,profile, or a JSON array of such objects): passwords from the profiles&apos; keychain entries or one --password-stdin for all.</source>
        <translation>Diagnostiziert jede Instanz, die DATEI aufführt (CSV mit der Kopfzeile name,url,user,profile oder ein JSON-Array solcher Objekte): Passwörter aus den Schlüsselbund-Einträgen der Profile oder ein einziges --password-stdin für alle.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>With --inventory: seconds one instance may take before it is reported as timed out (default 120).</source>
        <translation>Mit --inventory: Sekunden, die eine Instanz dauern darf, bevor eine Zeitüberschreitung gemeldet wird (Standard: 120).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>--inventory lists the instances: leave out --aem and --profile.</source>
        <translation>--inventory listet die Instanzen auf: Lassen Sie --aem und --profile weg.</translation>
    </message>
    <message>
        <source>--%1 takes a number from 1 to %2, not &quot;%3&quot;.</source>
        <translation>--%1 erwartet eine Zahl von 1 bis %2, nicht „%3“.</translation>
    </message>
    <message>
        <source>--parallel and --instance-timeout go with --inventory.</source>
        <translation>--parallel und --instance-timeout sind nur zusammen mit --inventory möglich.</translation>
    </message>
    <message>
        <source>With --inventory: how many instances at a time (default 16).</source>
        <translation>Mit --inventory: wie viele Instanzen gleichzeitig (Standard: 16).</translation>
    </message>
</context>
<context>
    <name>DiagnoseHtml</name>
    <message>
        <source>pass</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>AEM author</source>
        <translation>AEM-Author-Instanz</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS-Konfiguration</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Brand Portal tenant</source>
        <translation>Brand Portal-Mandant</translation>
    </message>
    <message>
        <source>Agents and queues</source>
        <translation>Agenten und Warteschlangen</translation>
    </message>
    <message>
        <source>The connection chain and the result of each link</source>
        <translation>Die Verbindungskette und das Ergebnis jedes Glieds</translation>
    </message>
    <message>
        <source>Brand Portal diagnosis: %1</source>
        <translation>Brand Portal-Diagnose: %1</translation>
    </message>
    <message>
        <source>Brand Portal connection diagnosis</source>
        <translation>Diagnose der Brand Portal-Verbindung</translation>
    </message>
    <message numerus="yes">
        <source>✖ %n check(s) failed: publishing to Brand Portal is affected.</source>
        <translation>
            <numerusform>✖ %n Prüfung fehlgeschlagen: Das Veröffentlichen in Brand Portal ist beeinträchtigt.</numerusform>
            <numerusform>✖ %n Prüfungen fehlgeschlagen: Das Veröffentlichen in Brand Portal ist beeinträchtigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ No check failed.</source>
        <translation>✔ Keine Prüfung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 failed, %4 skipped.</source>
        <translation>%1 OK, %2 mit Warnung, %3 fehlgeschlagen, %4 übersprungen.</translation>
    </message>
    <message>
        <source>To fix:</source>
        <translation>Zu beheben:</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Abhilfe:</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>AEM</source>
        <translation>AEM</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message>
        <source>Diagnosis took</source>
        <translation>Dauer der Diagnose</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <source>Made by bpsetup diagnose, which only reads from AEM. Passwords, tokens, keys and secrets are removed before this page is written.</source>
        <translation>Erstellt von bpsetup diagnose, das aus AEM nur liest. Passwörter, Token, Schlüssel und Geheimnisse werden entfernt, bevor diese Seite geschrieben wird.</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>Wählen Sie einen Ordner mit Schreibrechten und freiem Speicherplatz.</translation>
    </message>
    <message numerus="yes">
        <source>Brand Portal diagnosis of %n instance(s)</source>
        <translation>
            <numerusform>Brand Portal-Diagnose von %n Instanz</numerusform>
            <numerusform>Brand Portal-Diagnose von %n Instanzen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>%1 ohne Fehler, %2 mit fehlgeschlagenen Prüfungen, %3 nicht erreicht.</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Fehlgeschlagene Prüfungen</translation>
    </message>
    <message>
        <source>no failure</source>
        <translation>kein Fehler</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
</context>
<context>
    <name>DiagnoseText</name>
    <message>
        <source>PASS</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>WARNUNG</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>ÜBERSPRUNGEN</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Bereitstellung:</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>Konfiguration:</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>Mandant %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).</source>
        <translation>%1 Prüfungen: %2 OK, %3 mit Warnung, %4 fehlgeschlagen, %5 übersprungen (%6 ms).</translation>
    </message>
</context>
<context>
    <name>HotfixStep</name>
    <message>
        <source>Reading the package list</source>
        <translation>Paketliste wird gelesen</translation>
    </message>
    <message>
        <source>Allow /crx/packmgr in the dispatcher, or connect to the author directly.</source>
        <translation>Lassen Sie /crx/packmgr im Dispatcher zu, oder verbinden Sie sich direkt mit der Author-Instanz.</translation>
    </message>
    <message>
        <source>%1: Package Manager refused: %2</source>
        <translation>%1: Der Package Manager hat abgelehnt: %2</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log and at Package Manager (/crx/packmgr), then run again.</source>
        <translation>Sehen Sie im error.log von AEM und im Package Manager (/crx/packmgr) nach, und führen Sie den Vorgang dann erneut aus.</translation>
    </message>
    <message>
        <source>OAuth compatibility hotfix (content package)</source>
        <translation>OAuth-Kompatibilitäts-Hotfix (Inhaltspaket)</translation>
    </message>
    <message>
        <source>The hotfix is installed already.</source>
        <translation>Der Hotfix ist bereits installiert.</translation>
    </message>
    <message>
        <source>The package is uploaded but not installed; it is uploaded again and installed with Package Manager.</source>
        <translation>Das Paket ist hochgeladen, aber nicht installiert; es wird erneut hochgeladen und mit dem Package Manager installiert.</translation>
    </message>
    <message>
        <source>AEM 6.5.11.0 to 6.5.20.0 need it for OAuth Server-to-Server; it is uploaded and installed with Package Manager.</source>
        <translation>AEM 6.5.11.0 bis 6.5.20.0 benötigen ihn für OAuth Server-to-Server; er wird hochgeladen und mit dem Package Manager installiert.</translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation>%1 wird hochgeladen</translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation>%1 wird installiert</translation>
    </message>
    <message>
        <source>The package list shows %1 uploaded but not installed.</source>
        <translation>Laut Paketliste ist %1 hochgeladen, aber nicht installiert.</translation>
    </message>
    <message>
        <source>The package list does not show %1.</source>
        <translation>Die Paketliste enthält %1 nicht.</translation>
    </message>
    <message>
        <source>Uninstalling %1</source>
        <translation>%1 wird deinstalliert</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>%1 wird gelöscht</translation>
    </message>
</context>
<context>
    <name>ImsCustomizerStep</name>
    <message>
        <source>IMS configuration (client secret)</source>
        <translation>IMS-Konfiguration (Client-Secret)</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>(neu) %1</translation>
    </message>
    <message>
        <source>The secret is stored encrypted by AEM (/system/console/crypto).</source>
        <translation>Das Secret wird von AEM verschlüsselt gespeichert (/system/console/crypto).</translation>
    </message>
    <message>
        <source>The secret is stored as AEM&apos;s configuration value.</source>
        <translation>Das Secret wird als Konfigurationswert von AEM gespeichert.</translation>
    </message>
    <message>
        <source>The stored secret works: the instance&apos;s Test Connection obtains a token with it.</source>
        <translation>Das gespeicherte Secret funktioniert: Die Test Connection der Instanz erhält damit ein Token.</translation>
    </message>
    <message>
        <source>The stored secret could not be shown to work; it is replaced with the validated one.</source>
        <translation>Es ließ sich nicht nachweisen, dass das gespeicherte Secret funktioniert; es wird durch das validierte ersetzt.</translation>
    </message>
    <message>
        <source>Encrypting the client secret on the instance</source>
        <translation>Client-Secret wird auf der Instanz verschlüsselt</translation>
    </message>
    <message>
        <source>Saving the client secret</source>
        <translation>Client-Secret wird gespeichert</translation>
    </message>
    <message>
        <source>The client secret configuration (%1) is not in %2.</source>
        <translation>Die Client-Secret-Konfiguration (%1) ist nicht in %2.</translation>
    </message>
    <message>
        <source>The client secret reads back differently from what was written.</source>
        <translation>Das zurückgelesene Client-Secret weicht vom geschriebenen ab.</translation>
    </message>
    <message>
        <source>Rotation: the stored secret is replaced with the credential&apos;s other secret, which IMS accepted.</source>
        <translation>Rotation: Das gespeicherte Secret wird durch das andere Secret der Anmeldedaten ersetzt, das IMS akzeptiert hat.</translation>
    </message>
</context>
<context>
    <name>ImsProviderStep</name>
    <message>
        <source>IMS configuration (access token provider)</source>
        <translation>IMS-Konfiguration (Zugriffstoken-Provider)</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>(neu) %1</translation>
    </message>
    <message>
        <source>An IMS configuration for this client id exists; it is reused.</source>
        <translation>Für diese Client-ID gibt es bereits eine IMS-Konfiguration; sie wird wiederverwendet.</translation>
    </message>
    <message>
        <source>Cloud Solution Adobe Brand Portal, authentication OAuth Server-to-Server.</source>
        <translation>Cloud Solution Adobe Brand Portal, Authentifizierung OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Saving the IMS configuration</source>
        <translation>IMS-Konfiguration wird gespeichert</translation>
    </message>
    <message>
        <source>The IMS configuration %1 is not in %2.</source>
        <translation>Die IMS-Konfiguration %1 ist nicht in %2.</translation>
    </message>
    <message>
        <source>The IMS configuration&apos;s %1 reads back as &quot;%2&quot;, not &quot;%3&quot;.</source>
        <translation>Die Eigenschaft %1 der IMS-Konfiguration wird als „%2“ zurückgelesen, nicht als „%3“.</translation>
    </message>
    <message>
        <source>The JWT configuration of this client id is switched to OAuth Server-to-Server in place (Adobe&apos;s conversion keeps the client id); the old values stay in the backup.</source>
        <translation>Die JWT-Konfiguration dieser Client-ID wird direkt auf OAuth Server-to-Server umgestellt (Adobes Umstellung behält die Client-ID bei); die alten Werte bleiben in der Sicherung erhalten.</translation>
    </message>
    <message>
        <source>The IMS configuration still has the JWT property %1.</source>
        <translation>Die IMS-Konfiguration hat noch die JWT-Eigenschaft %1.</translation>
    </message>
</context>
<context>
    <name>Inventory</name>
    <message>
        <source>Give a CSV file with a header line (name,url,user,profile) or a JSON array of objects with those keys; each instance needs a profile or a url.</source>
        <translation>Geben Sie eine CSV-Datei mit einer Kopfzeile (name,url,user,profile) oder ein JSON-Array von Objekten mit diesen Schlüsseln an; jede Instanz benötigt ein Profil oder eine URL.</translation>
    </message>
    <message>
        <source>%1 names neither a profile nor a url.</source>
        <translation>%1 nennt weder ein Profil noch eine URL.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an http(s) URL.</source>
        <translation>%1: „%2“ ist keine http(s)-URL.</translation>
    </message>
    <message>
        <source>The inventory is not valid JSON: %1 (at byte %2).</source>
        <translation>Das Inventar ist kein gültiges JSON: %1 (bei Byte %2).</translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation>Instanz %1</translation>
    </message>
    <message>
        <source>Line %1: the header must name the columns (name, url, user, profile), not &quot;%2&quot;.</source>
        <translation>Zeile %1: Die Kopfzeile muss die Spalten benennen (name, url, user, profile), nicht „%2“.</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>The inventory lists no instance.</source>
        <translation>Das Inventar enthält keine Instanz.</translation>
    </message>
</context>
<context>
    <name>KeyPairGenerator</name>
    <message>
        <source>The certificate must be valid for 1 to %1 days (Developer Console&apos;s own key pairs last 365 days).</source>
        <translation>Das Zertifikat muss 1 bis %1 Tage gültig sein (die eigenen Schlüsselpaare der Developer Console gelten 365 Tage).</translation>
    </message>
    <message>
        <source>The certificate name (CN) must be 1 to %1 characters.</source>
        <translation>Der Zertifikatname (CN) muss 1 bis %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Could not generate the key pair.</source>
        <translation>Das Schlüsselpaar konnte nicht generiert werden.</translation>
    </message>
</context>
<context>
    <name>KeygenCommand</name>
    <message>
        <source>Generates an RSA 2048 private key and a self-signed certificate for a Developer Console service account (JWT) credential: upload certificate_pub.crt, keep private.key secret.</source>
        <translation>Generiert einen privaten RSA-2048-Schlüssel und ein selbstsigniertes Zertifikat für Developer Console-Anmeldedaten vom Typ Service Account (JWT): Laden Sie certificate_pub.crt hoch, und halten Sie private.key geheim.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Folder for private.key and certificate_pub.crt (created if missing).</source>
        <translation>Ordner für private.key und certificate_pub.crt (wird bei Bedarf erstellt).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <source>Certificate validity in days, 1 to 3650 (default %1).</source>
        <translation>Gültigkeit des Zertifikats in Tagen, 1 bis 3650 (Standard: %1).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Certificate common name (default bpsetup).</source>
        <translation>Common Name des Zertifikats (Standard: bpsetup).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Replace existing files. The old key stops working once its certificate is removed from Developer Console.</source>
        <translation>Ersetzt vorhandene Dateien. Der alte Schlüssel funktioniert nicht mehr, sobald sein Zertifikat aus der Developer Console entfernt wird.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source> (see bpsetup keygen --help)</source>
        <translation> (siehe bpsetup keygen --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup keygen --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup keygen --help).</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for private.key and certificate_pub.crt.</source>
        <translation>--out VERZ ist erforderlich: der Ordner für private.key und certificate_pub.crt.</translation>
    </message>
    <message>
        <source>--days takes a whole number of days from 1 to 3650.</source>
        <translation>--days erwartet eine ganze Zahl von Tagen von 1 bis 3650.</translation>
    </message>
    <message>
        <source>Choose another --out folder, or add --force to replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>Wählen Sie einen anderen --out-Ordner, oder fügen Sie --force hinzu, um die Datei zu ersetzen (ein bereits verwendeter Schlüssel funktioniert nicht mehr, sobald sein Zertifikat aus der Developer Console entfernt wird).</translation>
    </message>
    <message>
        <source>Generated an RSA 2048 key pair.</source>
        <translation>RSA-2048-Schlüsselpaar generiert.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <source>%1 (in %2 days)</source>
        <translation>%1 (in %2 Tagen)</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>Schlüssel:</translation>
    </message>
    <message>
        <source>%1 (mode 0600)</source>
        <translation>%1 (Modus 0600)</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Zertifikat:</translation>
    </message>
    <message>
        <source>Next: upload %1 to the credential in Adobe Developer Console; keep %2 secret (Adobe never has a copy, so store it safely).</source>
        <translation>Nächster Schritt: Laden Sie %1 zu den Anmeldedaten in der Adobe Developer Console hoch; halten Sie %2 geheim (Adobe hat nie eine Kopie, bewahren Sie die Datei also sicher auf).</translation>
    </message>
</context>
<context>
    <name>NetworkSettings</name>
    <message>
        <source>Enter the address of the AEM author instance, for example https://author.example.com or http://localhost:4502.</source>
        <translation>Geben Sie die Adresse der AEM-Author-Instanz ein, zum Beispiel https://author.example.com oder http://localhost:4502.</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no scheme. Start it with https:// (or http:// for a local instance), for example https://%1.</source>
        <translation>Die Adresse „%1“ hat kein Schema. Beginnen Sie sie mit https:// (oder http:// für eine lokale Instanz), zum Beispiel https://%1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address: %2</source>
        <translation>„%1“ ist keine gültige Adresse: %2</translation>
    </message>
    <message>
        <source>The address must start with https:// or http://, not %1://.</source>
        <translation>Die Adresse muss mit https:// oder http:// beginnen, nicht mit %1://.</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no host name.</source>
        <translation>Die Adresse „%1“ hat keinen Hostnamen.</translation>
    </message>
    <message>
        <source>Do not put the user name or password in the address; use the separate fields.</source>
        <translation>Geben Sie Benutzername und Passwort nicht in der Adresse an; verwenden Sie die separaten Felder.</translation>
    </message>
    <message>
        <source>Give the server root without a path (for example %1://%2), not a page such as %3.</source>
        <translation>Geben Sie die Stammadresse des Servers ohne Pfad an (zum Beispiel %1://%2), keine Seite wie %3.</translation>
    </message>
    <message>
        <source>Remove the query or fragment (after ? or #) from the address.</source>
        <translation>Entfernen Sie die Abfrage oder das Fragment (nach ? oder #) aus der Adresse.</translation>
    </message>
    <message>
        <source>The proxy &quot;%1&quot; is not valid; use http://host:port or socks5://host:port.</source>
        <translation>Der Proxy „%1“ ist ungültig; verwenden Sie http://host:port oder socks5://host:port.</translation>
    </message>
    <message>
        <source>Only http:// and socks5:// proxies are supported, not %1://.</source>
        <translation>Nur http://- und socks5://-Proxys werden unterstützt, nicht %1://.</translation>
    </message>
    <message>
        <source>The proxy address needs a port, for example http://proxy.example.com:3128.</source>
        <translation>Die Proxy-Adresse benötigt einen Port, zum Beispiel http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>The timeout &quot;%1&quot; is not a number of seconds from 0.01 to %2.</source>
        <translation>Das Zeitlimit „%1“ ist keine Sekundenzahl von 0.01 bis %2.</translation>
    </message>
    <message>
        <source>The CA file %1 contains no certificate (PEM or DER expected).</source>
        <translation>Die CA-Datei %1 enthält kein Zertifikat (PEM oder DER erwartet).</translation>
    </message>
</context>
<context>
    <name>PackageBackup</name>
    <message>
        <source>Creating the backup package</source>
        <translation>Sicherungspaket wird erstellt</translation>
    </message>
    <message>
        <source>Setting the backup package&apos;s filter</source>
        <translation>Filter des Sicherungspakets wird gesetzt</translation>
    </message>
    <message>
        <source>Building the backup package</source>
        <translation>Sicherungspaket wird gebaut</translation>
    </message>
    <message>
        <source>Downloading the backup package</source>
        <translation>Sicherungspaket wird heruntergeladen</translation>
    </message>
    <message>
        <source>The backup package %1 downloaded from AEM is not a usable zip file.</source>
        <translation>Das aus AEM heruntergeladene Sicherungspaket %1 ist keine verwendbare ZIP-Datei.</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>The plan file is not a bpsetup plan: %1</source>
        <translation>Die Plandatei ist kein bpsetup-Plan: %1</translation>
    </message>
    <message>
        <source>Make a new plan with `bpsetup plan --json &gt; FILE`.</source>
        <translation>Erstellen Sie einen neuen Plan mit `bpsetup plan --json &gt; DATEI`.</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>nicht unterstützte schemaVersion.</translation>
    </message>
    <message>
        <source>steps, prerequisites or fingerprint missing.</source>
        <translation>Schritte, Voraussetzungen oder Fingerabdruck fehlen.</translation>
    </message>
    <message>
        <source>a step is not an object.</source>
        <translation>ein Schritt ist kein Objekt.</translation>
    </message>
    <message>
        <source>a prerequisite is not an object.</source>
        <translation>eine Voraussetzung ist kein Objekt.</translation>
    </message>
    <message>
        <source>Plan for %1 (AEM %2): %3</source>
        <translation>Plan für %1 (AEM %2): %3</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>Version unbekannt</translation>
    </message>
    <message>
        <source>BLOCKED: %1</source>
        <translation>BLOCKIERT: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>  What to do: %1</source>
        <translation>  Abhilfe: %1</translation>
    </message>
    <message>
        <source>Nothing will be changed until the blocking prerequisites are resolved.</source>
        <translation>Es wird nichts geändert, bis die blockierenden Voraussetzungen erfüllt sind.</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is already in place.</source>
        <translation>Nichts zu tun: Die Konfiguration ist bereits vorhanden.</translation>
    </message>
    <message>
        <source>A backup of every object above is saved under %1 before the first change.</source>
        <translation>Vor der ersten Änderung wird unter %1 eine Sicherung jedes oben genannten Objekts gespeichert.</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source> (see bpsetup plan --help)</source>
        <translation> (siehe bpsetup plan --help)</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>%1 wird gelesen, die Anmeldedaten werden bei Adobe IMS geprüft…</translation>
    </message>
    <message>
        <source>Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author (or upgrading the existing one) would change: the prerequisites, then each object with its field-level diff (secrets as ***). Read-only: sends no write request.</source>
        <translation>Zeigt, was das Erstellen der Brand Portal-Konfiguration auf einer Author-Instanz von AEM 6.5 / 6.5 LTS (oder die Umstellung der bestehenden) ändern würde: die Voraussetzungen, dann jedes Objekt mit seinen Änderungen auf Feldebene (Geheimnisse als ***). Nur lesend: sendet keine Schreibanfrage.</translation>
    </message>
</context>
<context>
    <name>PrivateKey</name>
    <message>
        <source>No certificate was given. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Es wurde kein Zertifikat angegeben. Verwenden Sie certificate_pub.crt, die in die Developer Console hochgeladene Datei.</translation>
    </message>
    <message>
        <source>The certificate file is far too large to be a certificate.</source>
        <translation>Die Zertifikatdatei ist viel zu groß für ein Zertifikat.</translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Dies ist ein privater Schlüssel, kein Zertifikat. Verwenden Sie certificate_pub.crt, die in die Developer Console hochgeladene Datei.</translation>
    </message>
    <message>
        <source>This is not a certificate (it has no BEGIN CERTIFICATE line). Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Dies ist kein Zertifikat (es fehlt eine Zeile BEGIN CERTIFICATE). Verwenden Sie certificate_pub.crt, die in die Developer Console hochgeladene Datei.</translation>
    </message>
    <message>
        <source>The certificate could not be read: it is damaged or not an X.509 certificate (PEM or DER).</source>
        <translation>Das Zertifikat konnte nicht gelesen werden: Es ist beschädigt oder kein X.509-Zertifikat (PEM oder DER).</translation>
    </message>
    <message>
        <source>No private key was given. Paste the contents of private.key or choose the file.</source>
        <translation>Es wurde kein privater Schlüssel angegeben. Fügen Sie den Inhalt von private.key ein, oder wählen Sie die Datei aus.</translation>
    </message>
    <message>
        <source>The private key file is far too large to be a key.</source>
        <translation>Die Datei des privaten Schlüssels ist viel zu groß für einen Schlüssel.</translation>
    </message>
    <message>
        <source>This does not look like a PEM private key. Paste the whole file including the BEGIN/END lines (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</source>
        <translation>Dies sieht nicht nach einem privaten PEM-Schlüssel aus. Fügen Sie die ganze Datei einschließlich der BEGIN/END-Zeilen ein (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</translation>
    </message>
    <message>
        <source>This is an OpenSSH key, which cannot be used here. Convert it with &quot;ssh-keygen -p -m PEM -f FILE&quot; or generate a new RSA 2048 key pair.</source>
        <translation>Dies ist ein OpenSSH-Schlüssel, der hier nicht verwendet werden kann. Konvertieren Sie ihn mit „ssh-keygen -p -m PEM -f DATEI“, oder generieren Sie ein neues RSA-2048-Schlüsselpaar.</translation>
    </message>
    <message>
        <source>This is a certificate (BEGIN CERTIFICATE), not the private key. Use the private key file (private.key) made together with it.</source>
        <translation>Dies ist ein Zertifikat (BEGIN CERTIFICATE), nicht der private Schlüssel. Verwenden Sie die Datei des privaten Schlüssels (private.key), die zusammen mit dem Zertifikat erstellt wurde.</translation>
    </message>
    <message>
        <source>This is a public key, not the private key. Use the private key file (private.key). Developer Console never keeps the private key; if it is lost, generate a new key pair.</source>
        <translation>Dies ist ein öffentlicher Schlüssel, nicht der private Schlüssel. Verwenden Sie die Datei des privaten Schlüssels (private.key). Die Developer Console speichert den privaten Schlüssel nie; ist er verloren, generieren Sie ein neues Schlüsselpaar.</translation>
    </message>
    <message>
        <source>This is not a private key (it starts with BEGIN %1). Paste the private key file, which starts with BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY.</source>
        <translation>Dies ist kein privater Schlüssel (er beginnt mit BEGIN %1). Fügen Sie die Datei des privaten Schlüssels ein; sie beginnt mit BEGIN PRIVATE KEY oder BEGIN RSA PRIVATE KEY.</translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Enter the passphrase.</source>
        <translation>Der private Schlüssel ist durch eine Passphrase geschützt. Geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <source>The passphrase does not unlock this private key. Check it and try again.</source>
        <translation>Die Passphrase entsperrt diesen privaten Schlüssel nicht. Prüfen Sie sie, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The private key could not be read: the PEM text is damaged or incomplete. Paste the whole file again, including the BEGIN/END lines.</source>
        <translation>Der private Schlüssel konnte nicht gelesen werden: Der PEM-Text ist beschädigt oder unvollständig. Fügen Sie die ganze Datei erneut ein, einschließlich der BEGIN/END-Zeilen.</translation>
    </message>
    <message>
        <source>This is an %1 key, but Adobe needs an RSA key (2048 bits or more). Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>Dies ist ein %1-Schlüssel, Adobe benötigt aber einen RSA-Schlüssel (2048 Bit oder mehr). Generieren Sie ein neues RSA-2048-Schlüsselpaar, und laden Sie dessen Zertifikat in die Developer Console hoch.</translation>
    </message>
    <message>
        <source>This RSA key has only %1 bits; Adobe needs at least %2. Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>Dieser RSA-Schlüssel hat nur %1 Bit; Adobe benötigt mindestens %2. Generieren Sie ein neues RSA-2048-Schlüsselpaar, und laden Sie dessen Zertifikat in die Developer Console hoch.</translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation>Es ist kein privater Schlüssel geladen.</translation>
    </message>
    <message>
        <source>The certificate&apos;s public key could not be read.</source>
        <translation>Der öffentliche Schlüssel des Zertifikats konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Signing with the private key failed.</source>
        <translation>Das Signieren mit dem privaten Schlüssel ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The certificate&apos;s expiry date could not be read.</source>
        <translation>Das Ablaufdatum des Zertifikats konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>Name a profile command: list, show, save, rename or delete.</source>
        <translation>Geben Sie einen profile-Befehl an: list, show, save, rename oder delete.</translation>
    </message>
    <message>
        <source>Unknown profile command &quot;%1&quot; (list, show, save, rename, delete).</source>
        <translation>Unbekannter profile-Befehl „%1“ (list, show, save, rename, delete).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>%1 (usage: %2)</source>
        <translation>%1 (Verwendung: %2)</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>Verwendung: %1</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (usage: %2).</source>
        <translation>Unerwartetes Argument „%1“ (Verwendung: %2).</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source>No profiles saved yet (bpsetup profile save --help).</source>
        <translation>Noch keine Profile gespeichert (bpsetup profile save --help).</translation>
    </message>
    <message>
        <source>Secrets in %1:</source>
        <translation>Geheimnisse in %1:</translation>
    </message>
    <message>
        <source>AEM author address.</source>
        <translation>Adresse der AEM-Author-Instanz.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name.</source>
        <translation>AEM-Benutzername.</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the AEM password from stdin.</source>
        <translation>Liest das AEM-Passwort aus stdin.</translation>
    </message>
    <message>
        <source>Read an AEM bearer token from stdin.</source>
        <translation>Liest ein AEM-Bearer-Token aus stdin.</translation>
    </message>
    <message>
        <source>Developer Console credential JSON.</source>
        <translation>JSON der Developer Console-Anmeldedaten.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>JWT private key (PEM).</source>
        <translation>Privater JWT-Schlüssel (PEM).</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from stdin (after the password, one per line).</source>
        <translation>Liest die Passphrase des privaten Schlüssels aus stdin (nach dem Passwort, eine pro Zeile).</translation>
    </message>
    <message>
        <source>Brand Portal tenant.</source>
        <translation>Brand Portal-Mandant.</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Adobe IMS address.</source>
        <translation>Adresse von Adobe IMS.</translation>
    </message>
    <message>
        <source>Give either --password-stdin or --token-stdin, not both.</source>
        <translation>Geben Sie entweder --password-stdin oder --token-stdin an, nicht beides.</translation>
    </message>
    <message>
        <source>--aem URL is required for a new profile.</source>
        <translation>--aem URL ist für ein neues Profil erforderlich.</translation>
    </message>
    <message>
        <source>AEM token: </source>
        <translation>AEM-Token: </translation>
    </message>
    <message>
        <source>AEM password: </source>
        <translation>AEM-Passwort: </translation>
    </message>
    <message>
        <source>Nothing was read from stdin.</source>
        <translation>Aus stdin wurde nichts gelesen.</translation>
    </message>
    <message>
        <source>%1 is a private key, not a credential file: pass it with --private-key.</source>
        <translation>%1 ist ein privater Schlüssel, keine Anmeldedatendatei: Übergeben Sie ihn mit --private-key.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>Passphrase für den privaten Schlüssel: </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin wurde angegeben, aber stdin enthielt keine Passphrase.</translation>
    </message>
    <message>
        <source>Pass the passphrase with --key-passphrase-stdin (after the password, one per line).</source>
        <translation>Übergeben Sie die Passphrase mit --key-passphrase-stdin (nach dem Passwort, eine pro Zeile).</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>Profil „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>Einstellungen: %1</translation>
    </message>
    <message>
        <source>Secrets stored in: %1 (%2)</source>
        <translation>Geheimnisse gespeichert in: %1 (%2)</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>Nicht umbenannt: %1</translation>
    </message>
    <message>
        <source>Renamed profile &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Profil „%1“ in „%2“ umbenannt.</translation>
    </message>
    <message>
        <source>Delete without asking.</source>
        <translation>Löscht ohne Nachfrage.</translation>
    </message>
    <message>
        <source>Deleting profile &quot;%1&quot; also deletes its secrets from the keychain: add --yes to confirm.</source>
        <translation>Das Löschen des Profils „%1“ löscht auch seine Geheimnisse aus dem Schlüsselbund: Fügen Sie zur Bestätigung --yes hinzu.</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The profile and its secrets were kept; fix the problem and try again.</source>
        <translation>Das Profil und seine Geheimnisse wurden beibehalten; beheben Sie das Problem, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Deleted profile &quot;%1&quot; and its keychain entries.</source>
        <translation>Profil „%1“ und seine Schlüsselbund-Einträge gelöscht.</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a credential file: pass the JSON downloaded from Developer Console with --credentials.</source>
        <translation>%1 ist ein Zertifikat, keine Anmeldedatendatei: Übergeben Sie das aus der Developer Console heruntergeladene JSON mit --credentials.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Nichts gespeichert: %1</translation>
    </message>
    <message>
        <source>Usage:
  bpsetup profile list [--json]
  bpsetup profile show NAME [--json]
  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials FILE] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename OLD NEW [--json]
  bpsetup profile delete NAME [--yes] [--json]

A profile keeps everything non-secret about a connection in %1; its secrets (AEM password or
token, client secrets, private key, passphrase) go to the OS keychain only. Commands that talk to
AEM or IMS accept --profile NAME and then read the secrets from the keychain. `show` never prints
a secret, only whether it is stored. `delete` also removes the profile&apos;s keychain entries.
</source>
        <translation>Verwendung:
  bpsetup profile list [--json]
  bpsetup profile show NAME [--json]
  bpsetup profile save NAME --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials DATEI] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename ALT NEU [--json]
  bpsetup profile delete NAME [--yes] [--json]

Ein Profil speichert alles Nicht-Geheime einer Verbindung in %1; seine Geheimnisse (AEM-Passwort
oder -Token, Client-Secrets, privater Schlüssel, Passphrase) kommen nur in den System-Schlüsselbund.
Befehle für AEM oder IMS akzeptieren --profile NAME und lesen die Geheimnisse aus dem Schlüsselbund.
`show` zeigt nie ein Geheimnis, nur ob es gespeichert ist. `delete` löscht auch die Schlüsselbund-Einträge.
</translation>
    </message>
    <message>
        <source>Delete profile &quot;%1&quot; (%2) and its secrets in the keychain?</source>
        <translation>Profil „%1“ (%2) und seine Geheimnisse im Schlüsselbund löschen?</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>&quot;%1&quot; is not a usable profile name: use 1 to 64 letters, digits, spaces, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>„%1“ ist kein verwendbarer Profilname: Verwenden Sie 1 bis 64 Buchstaben, Ziffern, Leerzeichen, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The profiles file %1 is damaged (%2) and could not be moved aside, so it is left as it is and nothing will be saved over it.</source>
        <translation>Die Profildatei %1 ist beschädigt (%2) und konnte nicht beiseitegelegt werden; sie bleibt daher unverändert, und es wird nichts darüber gespeichert.</translation>
    </message>
    <message>
        <source>Fix or move the file by hand, then try again.</source>
        <translation>Korrigieren oder verschieben Sie die Datei manuell, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The profiles file was damaged (%1). It was kept as %2 and a new, empty profiles file will be used; secrets in the keychain are untouched.</source>
        <translation>Die Profildatei war beschädigt (%1). Sie wurde als %2 aufbewahrt, und eine neue, leere Profildatei wird verwendet; die Geheimnisse im Schlüsselbund bleiben unberührt.</translation>
    </message>
    <message>
        <source>Look at the kept file to recover the profiles by hand if you need them.</source>
        <translation>Sehen Sie sich die aufbewahrte Datei an, um die Profile bei Bedarf manuell wiederherzustellen.</translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation>größer als %1 MiB</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions; nothing is saved over it until it can be read.</source>
        <translation>Prüfen Sie die Berechtigungen der Datei; es wird nichts darüber gespeichert, bis sie gelesen werden kann.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>ihre Formatversion ist keine ganze Zahl, die dieses Tool versteht</translation>
    </message>
    <message>
        <source>The profiles file %1 was written by a newer bpsetup (format %2; this one knows %3). The profiles can be used, but changes are not saved so nothing of the newer format is lost.</source>
        <translation>Die Profildatei %1 wurde von einer neueren bpsetup-Version geschrieben (Format %2; diese Version kennt %3). Die Profile können verwendet werden, Änderungen werden aber nicht gespeichert, damit nichts vom neueren Format verloren geht.</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>Aktualisieren Sie bpsetup.</translation>
    </message>
    <message>
        <source>it has no profiles in a form this tool knows</source>
        <translation>sie enthält keine Profile in einer Form, die dieses Tool kennt</translation>
    </message>
    <message>
        <source>a profile is not an object</source>
        <translation>ein Profil ist kein Objekt</translation>
    </message>
    <message>
        <source>&quot;profiles&quot; is not a list</source>
        <translation>„profiles“ ist keine Liste</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is there twice</source>
        <translation>der Name „%1“ kommt zweimal vor</translation>
    </message>
    <message>
        <source>Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change profiles.</source>
        <translation>Nicht gespeichert: Die Profildatei wurde von einer neueren bpsetup-Version geschrieben. Aktualisieren Sie bpsetup, um Profile zu ändern.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Not saved: the profiles file could not be backed up before its format is updated (%1).</source>
        <translation>Nicht gespeichert: Die Profildatei konnte vor der Aktualisierung ihres Formats nicht gesichert werden (%1).</translation>
    </message>
    <message>
        <source>Cannot save the profiles file %1: %2</source>
        <translation>Die Profildatei %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>Ein Profil namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>Es gibt kein Profil namens „%1“.</translation>
    </message>
</context>
<context>
    <name>QueuesIdleStep</name>
    <message>
        <source>1 item</source>
        <translation>1 Element</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Elemente</translation>
    </message>
    <message>
        <source>Reading the queue of the agent %1</source>
        <translation>Warteschlange des Agenten %1 wird gelesen</translation>
    </message>
    <message>
        <source>%1 still queued.</source>
        <translation>%1 noch in der Warteschlange.</translation>
    </message>
    <message>
        <source>%1 queued on the Brand Portal agents (%2); the oldest, %3, since %4. Deleting the agents now would lose them. Pending: %5</source>
        <translation>%1 in den Warteschlangen der Brand Portal-Agenten (%2); das älteste, %3, seit %4. Würden die Agenten jetzt gelöscht, gingen diese Elemente verloren. Ausstehend: %5</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>unbekannter Zeit</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> und %1 weitere</translation>
    </message>
    <message>
        <source>The agent queues are idle.</source>
        <translation>Die Warteschlangen der Agenten sind leer.</translation>
    </message>
    <message>
        <source>Check that the Brand Portal agent queues are idle</source>
        <translation>Prüfen, ob die Warteschlangen der Brand Portal-Agenten leer sind</translation>
    </message>
    <message>
        <source>Adobe&apos;s upgrade starts with idle queues: queued items of deleted agents are lost. Checked again right before the first change.</source>
        <translation>Adobes Umstellungsverfahren beginnt mit leeren Warteschlangen: Elemente in den Warteschlangen gelöschter Agenten gehen verloren. Wird unmittelbar vor der ersten Änderung erneut geprüft.</translation>
    </message>
    <message>
        <source>%1 idle</source>
        <translation>%1 leer</translation>
    </message>
    <message>
        <source>%1: %2 queued</source>
        <translation>%1: %2 in der Warteschlange</translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation>Aktuell: %1.</translation>
    </message>
    <message>
        <source>Let the queues drain (Tools › Deployment › Replication › Agents on author: each Brand Portal agent shows &quot;Queue is idle&quot;), or wait for them: the wizard&apos;s Wait for the queues button, or --wait-for-idle SECONDS on the command line. A blocked queue needs its first item fixed or removed. Nothing was changed.</source>
        <translation>Lassen Sie die Warteschlangen leerlaufen (Tools › Deployment › Replication › Agents on author: Jeder Brand Portal-Agent zeigt „Queue is idle“), oder warten Sie darauf: im Assistenten mit der Schaltfläche „Auf das Leeren der Warteschlangen warten“, in der Befehlszeile mit --wait-for-idle SEKUNDEN. Bei einer blockierten Warteschlange muss das erste Element korrigiert oder entfernt werden. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ReadOptions</name>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>Verwendet diese AEM-Version, wenn sie nicht gelesen werden kann (cloud, 6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Rezept-JSON, das die eingebauten detect- und apply-Einträge überschreibt.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
</context>
<context>
    <name>RemoveKeyAliasStep</name>
    <message>
        <source>Looking up the user %1</source>
        <translation>Benutzer %1 wird gesucht</translation>
    </message>
    <message>
        <source>Reading the keystore of %1</source>
        <translation>Keystore von %1 wird gelesen</translation>
    </message>
    <message>
        <source>Remove the JWT key alias %1 from the keystore of %2</source>
        <translation>JWT-Schlüsselalias %1 aus dem Keystore von %2 entfernen</translation>
    </message>
    <message>
        <source>Left over from JWT: OAuth Server-to-Server needs no key pair. The keystore is in the backup, so rollback brings the alias back.</source>
        <translation>Überbleibsel von JWT: OAuth Server-to-Server benötigt kein Schlüsselpaar. Der Keystore ist in der Sicherung enthalten, daher stellt das Zurücksetzen den Alias wieder her.</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>Kein solcher Benutzer.</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>Bereits entfernt.</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the alias %2.</source>
        <translation>Der Keystore von %1 enthält noch den Alias %2.</translation>
    </message>
    <message>
        <source>Could not check whether the JWT key alias %1 is still in a keystore: %2</source>
        <translation>Es konnte nicht geprüft werden, ob sich der JWT-Schlüsselalias %1 noch in einem Keystore befindet: %2</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the JWT key alias %2, which OAuth Server-to-Server does not use.</source>
        <translation>Der Keystore von %1 enthält noch den JWT-Schlüsselalias %2, den OAuth Server-to-Server nicht verwendet.</translation>
    </message>
    <message>
        <source>Remove it with this upgrade: run again with --remove-jwt-key-alias (in the wizard: tick &quot;Also remove the JWT key alias&quot; on the Review page). It is backed up first.</source>
        <translation>Entfernen Sie ihn mit dieser Umstellung: Führen Sie den Vorgang mit --remove-jwt-key-alias erneut aus (im Assistenten: Aktivieren Sie auf der Seite „Änderungen prüfen“ die Option „Auch den JWT-Schlüsselalias entfernen“). Er wird zuvor gesichert.</translation>
    </message>
    <message>
        <source>Nothing depends on it. To clean up by hand: Tools › Security › Users › %1 › Keystore.</source>
        <translation>Nichts hängt davon ab. Zum manuellen Aufräumen: Tools › Security › Users › %1 › Keystore.</translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <source>Restores what one apply changed on an author, from the backup apply saved before its first write (bpsetup backups list). Safe to repeat.</source>
        <translation>Stellt wieder her, was ein apply-Lauf auf einer Author-Instanz geändert hat, und zwar aus der Sicherung, die apply vor dem ersten Schreibvorgang gespeichert hat (bpsetup backups list). Kann gefahrlos wiederholt werden.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source>The backup to restore.</source>
        <translation>Die wiederherzustellende Sicherung.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Do not ask.</source>
        <translation>Fragt nicht nach.</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Rezept-JSON, das die eingebauten detect- und apply-Einträge überschreibt.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source> (see bpsetup rollback --help)</source>
        <translation> (siehe bpsetup rollback --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup rollback --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup rollback --help).</translation>
    </message>
    <message>
        <source>--backup ID is required: one of the ids `bpsetup backups list` shows.</source>
        <translation>--backup ID ist erforderlich: eine der IDs, die `bpsetup backups list` anzeigt.</translation>
    </message>
    <message>
        <source>rollback changes AEM and stdin is not a terminal to ask on: pass --yes.</source>
        <translation>rollback ändert AEM, und stdin ist kein Terminal für eine Rückfrage: Geben Sie --yes an.</translation>
    </message>
    <message numerus="yes">
        <source>Restore %n object(s) on %1 to their state of %2?</source>
        <translation>
            <numerusform>%n Objekt auf %1 auf seinen Stand vom %2 zurücksetzen?</numerusform>
            <numerusform>%n Objekte auf %1 auf ihren Stand vom %2 zurücksetzen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Rollback was not confirmed.</source>
        <translation>Das Zurücksetzen wurde nicht bestätigt.</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>Zurückgesetzt: Die Objekte sind wieder so wie vor apply.</translation>
    </message>
</context>
<context>
    <name>RollbackSession</name>
    <message>
        <source>The backup %1 was made on %2, not on %3.</source>
        <translation>Die Sicherung %1 wurde auf %2 erstellt, nicht auf %3.</translation>
    </message>
    <message>
        <source>Connect to %1 to roll this backup back, or choose the backup of this instance (bpsetup backups list).</source>
        <translation>Verbinden Sie sich mit %1, um diese Sicherung zurückzuspielen, oder wählen Sie die Sicherung dieser Instanz (bpsetup backups list).</translation>
    </message>
</context>
<context>
    <name>RouteSelector</name>
    <message>
        <source>A Legacy OAuth Gateway configuration exists. Adobe has not supported it for new setups since 2020-04-06; when it misbehaves the fix is to delete it and recreate it through Adobe Developer Console. The upgrade checks that the Brand Portal queues are idle, deletes the old agents, cloud configuration and replication user, and recreates the configuration.</source>
        <translation>Es gibt eine Legacy OAuth Gateway-Konfiguration. Adobe unterstützt sie seit 2020-04-06 nicht mehr für neue Einrichtungen; macht sie Probleme, besteht die Abhilfe darin, sie zu löschen und über die Adobe Developer Console neu zu erstellen. Die Umstellung prüft, ob die Brand Portal-Warteschlangen leer sind, löscht die alten Agenten, die Cloud-Konfiguration und den Replikationsbenutzer und erstellt die Konfiguration neu.</translation>
    </message>
    <message>
        <source>The IMS configuration still uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and Adobe converted the remaining ones to OAuth Server-to-Server by 2026-03-01, so token exchange through JWT no longer works. Switch the IMS configuration to OAuth: the client ID stays the same; you need the OAuth client secret and scopes from Developer Console.</source>
        <translation>Die IMS-Konfiguration verwendet noch JWT-Anmeldedaten (Service Account). JWT-Anmeldedaten haben am 2025-06-30 das Ende ihres Lebenszyklus erreicht, und Adobe hat die verbliebenen bis 2026-03-01 auf OAuth Server-to-Server umgestellt, daher funktioniert der Token-Austausch über JWT nicht mehr. Stellen Sie die IMS-Konfiguration auf OAuth um: Die Client-ID bleibt gleich; Sie benötigen das OAuth-Client-Secret und die Scopes aus der Developer Console.</translation>
    </message>
    <message>
        <source>The IMS configuration uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Switch the IMS configuration to OAuth now.</source>
        <translation>Die IMS-Konfiguration verwendet JWT-Anmeldedaten (Service Account). JWT-Anmeldedaten haben am 2025-06-30 das Ende ihres Lebenszyklus erreicht und werden bei Ablauf des Zertifikats oder am 2026-03-01 auf OAuth Server-to-Server umgestellt, je nachdem, was zuerst eintritt. Stellen Sie die IMS-Konfiguration jetzt auf OAuth um.</translation>
    </message>
    <message>
        <source>A Brand Portal configuration with OAuth Server-to-Server already exists: nothing needs migrating. The upgrade path re-verifies it and can rotate its credentials; to look for problems, use Diagnose.</source>
        <translation>Es gibt bereits eine Brand Portal-Konfiguration mit OAuth Server-to-Server: Es muss nichts migriert werden. Der Umstellungsweg überprüft sie erneut und kann ihre Anmeldedaten rotieren; um nach Problemen zu suchen, verwenden Sie die Diagnose.</translation>
    </message>
    <message>
        <source>A Brand Portal configuration exists but is inconsistent or failing. Adobe&apos;s advice is to delete it and create a new one through Adobe Developer Console; the upgrade path does that with a backup first.</source>
        <translation>Es gibt eine Brand Portal-Konfiguration, sie ist aber inkonsistent oder funktioniert nicht. Adobe rät, sie zu löschen und über die Adobe Developer Console neu zu erstellen; der Umstellungsweg erledigt das nach einer vorherigen Sicherung.</translation>
    </message>
    <message>
        <source>Install the hotfix %1 (AEM 6.5.11.0 to 6.5.20.0), or upgrade to AEM 6.5.21.0 or later, where OAuth Server-to-Server is built in. Adobe&apos;s pages disagree on whether 6.5.20.0 needs it; the tool follows the majority and treats it as required.</source>
        <translation>Installieren Sie den Hotfix %1 (AEM 6.5.11.0 bis 6.5.20.0), oder aktualisieren Sie auf AEM 6.5.21.0 oder höher, wo OAuth Server-to-Server integriert ist. Adobes Seiten widersprechen sich, ob 6.5.20.0 ihn benötigt; das Tool folgt der Mehrheit und behandelt ihn als erforderlich.</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1): this version has no OAuth Server-to-Server option, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>Aktualisieren Sie AEM auf 6.5.21.0 oder höher (oder auf 6.5.11.0+ mit dem Hotfix %1): Diese Version bietet keine OAuth Server-to-Server-Option, und neue JWT-Anmeldedaten können seit 2024-06-03 nicht mehr erstellt werden.</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1) to use OAuth Server-to-Server.</source>
        <translation>Aktualisieren Sie AEM auf 6.5.21.0 oder höher (oder auf 6.5.11.0+ mit dem Hotfix %1), um OAuth Server-to-Server zu verwenden.</translation>
    </message>
    <message>
        <source>Could not read the package list to check for the hotfix %1; if AEM is below 6.5.21.0, check in Package Manager that it is installed.</source>
        <translation>Die Paketliste konnte nicht gelesen werden, um nach dem Hotfix %1 zu suchen; wenn AEM älter als 6.5.21.0 ist, prüfen Sie im Package Manager, ob er installiert ist.</translation>
    </message>
    <message>
        <source>The AEM version could not be read from any source, so the route cannot be chosen safely. Choose the version by hand (wizard: Connect page; CLI: --aem-version), or ask an administrator to allow /system/console/productinfo or the Package Manager for this user.</source>
        <translation>Die AEM-Version konnte aus keiner Quelle gelesen werden, daher kann der Weg nicht sicher gewählt werden. Wählen Sie die Version manuell (Assistent: Seite „Mit AEM verbinden“; CLI: --aem-version), oder bitten Sie einen Administrator, /system/console/productinfo oder den Package Manager für diesen Benutzer zuzulassen.</translation>
    </message>
    <message>
        <source>AEM 6.5 with the latest service pack (6.5.21.0 or later), AEM 6.5 LTS, or AEM as a Cloud Service</source>
        <translation>AEM 6.5 mit dem neuesten Service Pack (6.5.21.0 oder höher), AEM 6.5 LTS oder AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM %1 is not supported for Brand Portal setup: Adobe documents it only for AEM as a Cloud Service and AEM 6.5.4.0 and later (6.4, 6.3 and 6.2 have reached end of support). Upgrade to %2.</source>
        <translation>AEM %1 wird für die Brand Portal-Einrichtung nicht unterstützt: Adobe dokumentiert sie nur für AEM as a Cloud Service und AEM 6.5.4.0 und höher (für 6.4, 6.3 und 6.2 ist der Support beendet). Aktualisieren Sie auf %2.</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Brand Portal is activated from Cloud Manager, which creates the IMS configuration and cloud service itself. A configuration already exists; do not modify the autogenerated settings. Use Diagnose to check it.</source>
        <translation>AEM as a Cloud Service: Brand Portal wird in Cloud Manager aktiviert, der die IMS-Konfiguration und den Cloud-Service selbst erstellt. Es gibt bereits eine Konfiguration; ändern Sie die automatisch generierten Einstellungen nicht. Prüfen Sie sie mit der Diagnose.</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: activate Brand Portal in Cloud Manager (Environments › Activate Brand Portal) on the production environment; activation creates the IMS configuration and cloud service automatically on the same IMS org. Brand Portal is in maintenance mode: new activations currently go through your Adobe representative.</source>
        <translation>AEM as a Cloud Service: Aktivieren Sie Brand Portal in Cloud Manager (Environments › Activate Brand Portal) in der Produktionsumgebung; die Aktivierung erstellt die IMS-Konfiguration und den Cloud-Service automatisch in derselben IMS-Organisation. Brand Portal befindet sich im Wartungsmodus: Neue Aktivierungen laufen derzeit über Ihren Adobe-Ansprechpartner.</translation>
    </message>
    <message>
        <source>the latest AEM 6.5 service pack (at least 6.5.4.0; 6.5.21.0 or later adds OAuth Server-to-Server)</source>
        <translation>das neueste Service Pack für AEM 6.5 (mindestens 6.5.4.0; ab 6.5.21.0 mit OAuth Server-to-Server)</translation>
    </message>
    <message>
        <source>AEM %1 is older than 6.5.4.0, the first version that can be connected to Brand Portal through Adobe Developer Console. Install %2, then run this tool again.</source>
        <translation>AEM %1 ist älter als 6.5.4.0, die erste Version, die über die Adobe Developer Console mit Brand Portal verbunden werden kann. Installieren Sie %2, und führen Sie dieses Tool dann erneut aus.</translation>
    </message>
    <message>
        <source>The existing Brand Portal configuration could not be read, so it is unclear whether to create or upgrade. Connect as an administrator (the user needs read access to /conf, /etc, /apps/system/config and /home/users).</source>
        <translation>Die bestehende Brand Portal-Konfiguration konnte nicht gelesen werden, daher ist unklar, ob sie erstellt oder umgestellt werden muss. Verbinden Sie sich als Administrator (der Benutzer benötigt Lesezugriff auf /conf, /etc, /apps/system/config und /home/users).</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. AEM 6.5 LTS supports OAuth Server-to-Server only: create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Noch keine Brand Portal-Konfiguration. AEM 6.5 LTS unterstützt nur OAuth Server-to-Server: Erstellen Sie in der Adobe Developer Console OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API und dem Produktprofil Assets Brand Portal, und erstellen Sie dann die IMS-Konfiguration und die Brand Portal-Cloud-Konfiguration.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. Create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Noch keine Brand Portal-Konfiguration. Erstellen Sie in der Adobe Developer Console OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API und dem Produktprofil Assets Brand Portal, und erstellen Sie dann die IMS-Konfiguration und die Brand Portal-Cloud-Konfiguration.</translation>
    </message>
    <message>
        <source>Activate Brand Portal</source>
        <translation>Brand Portal aktivieren</translation>
    </message>
    <message>
        <source>Create configuration</source>
        <translation>Konfiguration erstellen</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>Konfiguration umstellen</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <source>Cannot be determined</source>
        <translation>Nicht bestimmbar</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No D-Bus session: the keychain cannot be reached. Run bpsetup inside a desktop session, or start one with dbus-run-session.</source>
        <translation>Keine D-Bus-Sitzung: Der Schlüsselbund ist nicht erreichbar. Führen Sie bpsetup in einer Desktop-Sitzung aus, oder starten Sie eine mit dbus-run-session.</translation>
    </message>
    <message>
        <source>No keychain service: install gnome-keyring (or KWallet) and log in again.</source>
        <translation>Kein Schlüsselbund-Dienst: Installieren Sie gnome-keyring (oder KWallet), und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The login keyring is locked: unlock it (e.g. open Passwords and Keys / seahorse) and try again.</source>
        <translation>Der Anmelde-Schlüsselbund ist gesperrt: Entsperren Sie ihn (z. B. mit „Passwörter und Verschlüsselung“ / seahorse), und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain refused access to bpsetup: allow it when the keychain asks, or check the keychain&apos;s access settings, and try again.</source>
        <translation>Der Schlüsselbund hat bpsetup den Zugriff verweigert: Erlauben Sie ihn, wenn der Schlüsselbund nachfragt, oder prüfen Sie die Zugriffseinstellungen des Schlüsselbunds, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 seconds. If an unlock prompt is open, answer it and try again; otherwise restart the keychain service (log out and in again).</source>
        <translation>Der Schlüsselbund hat nicht innerhalb von %1 Sekunden geantwortet. Wenn eine Entsperrabfrage offen ist, beantworten Sie sie, und versuchen Sie es erneut; starten Sie andernfalls den Schlüsselbund-Dienst neu (ab- und wieder anmelden).</translation>
    </message>
    <message>
        <source>Cancelled before the keychain answered.</source>
        <translation>Abgebrochen, bevor der Schlüsselbund geantwortet hat.</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for profile &quot;%2&quot;.</source>
        <translation>Im Schlüsselbund ist für das Profil „%2“ kein Eintrag „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Der Schlüsselbund hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>The profile name must not be empty and must not contain &apos;/&apos;.</source>
        <translation>Der Profilname darf nicht leer sein und kein &apos;/&apos; enthalten.</translation>
    </message>
    <message>
        <source>An empty secret cannot be stored; remove the entry instead.</source>
        <translation>Ein leeres Geheimnis kann nicht gespeichert werden; entfernen Sie stattdessen den Eintrag.</translation>
    </message>
    <message>
        <source>The keychain did not store the secret correctly: reading it back gave a different value. Try again, or check the keychain.</source>
        <translation>Der Schlüsselbund hat das Geheimnis nicht korrekt gespeichert: Beim Zurücklesen ergab sich ein anderer Wert. Versuchen Sie es erneut, oder prüfen Sie den Schlüsselbund.</translation>
    </message>
    <message>
        <source>The keychain entry is damaged (part of a split value is missing). Save the secret again.</source>
        <translation>Der Schlüsselbund-Eintrag ist beschädigt (ein Teil eines aufgeteilten Werts fehlt). Speichern Sie das Geheimnis erneut.</translation>
    </message>
    <message>
        <source>No such entry in the keychain.</source>
        <translation>Kein solcher Eintrag im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Not stored: the keychain did not keep the secret. If a keyring prompt appeared (to create or unlock the keyring), it was cancelled: save again and answer it, or untick storing secrets to save the settings without them.</source>
        <translation>Nicht gespeichert: Der Schlüsselbund hat das Geheimnis nicht übernommen. Falls eine Abfrage des Schlüsselbunds erschienen ist (zum Erstellen oder Entsperren), wurde sie abgebrochen: Speichern Sie erneut, und beantworten Sie die Abfrage, oder deaktivieren Sie das Speichern der Geheimnisse, um die Einstellungen ohne sie zu speichern.</translation>
    </message>
</context>
<context>
    <name>SetupActions</name>
    <message>
        <source>Brand Portal looks activated: verify the cloud configuration and the distribution agent bpdistributionagent0 from the AEM side.</source>
        <translation>Brand Portal scheint aktiviert zu sein: Überprüfen Sie die Cloud-Konfiguration und den Verteilungsagenten bpdistributionagent0 von der AEM-Seite aus.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then verify what activation creates.</source>
        <translation>Aktivieren Sie Brand Portal in Cloud Manager (über Ihren Adobe-Ansprechpartner, solange sich Brand Portal im Wartungsmodus befindet), und überprüfen Sie dann, was die Aktivierung erstellt.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration exists: create one with an OAuth Server-to-Server credential.</source>
        <translation>Es gibt keine Brand Portal-Konfiguration: Erstellen Sie eine mit OAuth Server-to-Server-Anmeldedaten.</translation>
    </message>
    <message>
        <source>The Legacy OAuth Gateway is gone: publishing to Brand Portal no longer works. The upgrade deletes the old agents, cloud service and replication user (after a backup) and creates the OAuth Server-to-Server configuration.</source>
        <translation>Das Legacy OAuth Gateway existiert nicht mehr: Das Veröffentlichen in Brand Portal funktioniert nicht mehr. Die Umstellung löscht (nach einer Sicherung) die alten Agenten, den Cloud-Service und den Replikationsbenutzer und erstellt die OAuth Server-to-Server-Konfiguration.</translation>
    </message>
    <message>
        <source>JWT token exchange stopped working on 2026-03-01. The upgrade switches the IMS configuration to OAuth Server-to-Server in place (same client id), after a backup.</source>
        <translation>Der JWT-Token-Austausch funktioniert seit 2026-03-01 nicht mehr. Die Umstellung stellt die IMS-Konfiguration nach einer Sicherung direkt auf OAuth Server-to-Server um (gleiche Client-ID).</translation>
    </message>
    <message>
        <source>The configuration is inconsistent. Adobe&apos;s remedy is to delete and recreate it; the upgrade does that after a backup.</source>
        <translation>Die Konfiguration ist inkonsistent. Adobes Abhilfe besteht darin, sie zu löschen und neu zu erstellen; die Umstellung erledigt das nach einer Sicherung.</translation>
    </message>
    <message>
        <source>The configuration already uses OAuth Server-to-Server: verify it end to end.</source>
        <translation>Die Konfiguration verwendet bereits OAuth Server-to-Server: Überprüfen Sie sie durchgängig.</translation>
    </message>
    <message>
        <source>Replace the client secret with the credential&apos;s other secret (Developer Console holds two), validated with Adobe IMS before it is written.</source>
        <translation>Client-Secret durch das andere Secret der Anmeldedaten ersetzen (die Developer Console hält zwei bereit); es wird vor dem Schreiben mit Adobe IMS validiert.</translation>
    </message>
    <message>
        <source>Change nothing and verify the configuration as it is (it is expected to fail).</source>
        <translation>Nichts ändern und die Konfiguration im jetzigen Zustand überprüfen (die Überprüfung schlägt voraussichtlich fehl).</translation>
    </message>
    <message>
        <source>&amp;Create the configuration</source>
        <translation>Konfiguration &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Upgrade to OAuth Server-to-Server</source>
        <translation>Auf OAuth Server-to-Server &amp;umstellen</translation>
    </message>
    <message>
        <source>&amp;Keep it and verify</source>
        <translation>&amp;Beibehalten und überprüfen</translation>
    </message>
    <message>
        <source>Rotate the client &amp;secret</source>
        <translation>Client-Secret &amp;rotieren</translation>
    </message>
    <message>
        <source>Activation &amp;checklist and verify</source>
        <translation>Aktivierungs-&amp;Checkliste und Überprüfung</translation>
    </message>
</context>
<context>
    <name>SimFromReport</name>
    <message>
        <source>Give the JSON that bpsetup diagnose --json printed (saved to a file), masked or not.</source>
        <translation>Geben Sie das JSON an, das bpsetup diagnose --json ausgegeben hat (in einer Datei gespeichert), maskiert oder nicht.</translation>
    </message>
    <message>
        <source>This is not a diagnose report: it has no checks or state.</source>
        <translation>Dies ist kein Diagnosebericht: Er enthält keine Prüfungen und keinen Status.</translation>
    </message>
    <message>
        <source>The version &quot;%1&quot; was not read; %2 is served.</source>
        <translation>Die Version „%1“ wurde nicht gelesen; %2 wird bereitgestellt.</translation>
    </message>
    <message>
        <source>%1 (%2) is not reproduced.</source>
        <translation>%1 (%2) wird nicht nachgebildet.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Serves a simulated AEM author and a simulated Adobe IMS on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM. For demos, training and reproducing support cases; no real AEM needed.</source>
        <translation>Stellt auf 127.0.0.1 eine simulierte AEM-Author-Instanz und ein simuliertes Adobe IMS bereit, bis Strg+C (SIGINT) oder SIGTERM. Für Demos, Schulungen und das Nachstellen von Supportfällen; kein echtes AEM erforderlich.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>AEM port (IMS uses the next one); default: free ports.</source>
        <translation>AEM-Port (IMS verwendet den nächsten); Standard: freie Ports.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>AEM version: %1 (any 6.5.x.y or 6.6.x works).</source>
        <translation>AEM-Version: %1 (jede 6.5.x.y oder 6.6.x funktioniert).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Brand Portal configuration: %1.</source>
        <translation>Brand Portal-Konfiguration: %1.</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Brand Portal tenant name.</source>
        <translation>Name des Brand Portal-Mandanten.</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Milliseconds added before every answer.</source>
        <translation>Verzögerung in Millisekunden vor jeder Antwort.</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Serve HTTPS with a freshly generated self-signed certificate.</source>
        <translation>Stellt HTTPS mit einem frisch generierten selbstsignierten Zertifikat bereit.</translation>
    </message>
    <message>
        <source>List the IMS OAuth compatibility hotfix as installed.</source>
        <translation>Führt den IMS-OAuth-Kompatibilitäts-Hotfix als installiert auf.</translation>
    </message>
    <message>
        <source>Path prefix a dispatcher blocks (repeatable), e.g. /system/console.</source>
        <translation>Pfadpräfix, das ein Dispatcher blockiert (wiederholbar), z. B. /system/console.</translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation>PRÄFIX</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Write Developer Console downloads for the simulated OAuth Server-to-Server and Service Account (JWT) credentials into DIR (created if needed). They hold this run&apos;s throwaway secrets and private key.</source>
        <translation>Schreibt Developer Console-Downloads für die simulierten Anmeldedaten (OAuth Server-to-Server und Service Account (JWT)) nach VERZ (wird bei Bedarf erstellt). Sie enthalten die temporären Geheimnisse und den privaten Schlüssel dieses Laufs.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <source>Bind the X.509 certificate in FILE to the JWT credential CLIENT_ID, like the upload in Developer Console (repeatable).</source>
        <translation>Bindet das X.509-Zertifikat in DATEI an die JWT-Anmeldedaten CLIENT_ID, wie beim Hochladen in der Developer Console (wiederholbar).</translation>
    </message>
    <message>
        <source>CLIENT_ID=FILE</source>
        <translation>CLIENT_ID=DATEI</translation>
    </message>
    <message>
        <source>Print the URLs and login as one JSON line before serving.</source>
        <translation>Gibt vor dem Start die URLs und die AEM-Anmeldung als eine JSON-Zeile aus.</translation>
    </message>
    <message>
        <source> (see bpsetup simulate --help)</source>
        <translation> (siehe bpsetup simulate --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup simulate --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup simulate --help).</translation>
    </message>
    <message>
        <source>--port takes a number from 1 to 65534.</source>
        <translation>--port erwartet eine Zahl von 1 bis 65534.</translation>
    </message>
    <message>
        <source>--latency takes milliseconds from 0 to 600000.</source>
        <translation>--latency erwartet Millisekunden von 0 bis 600000.</translation>
    </message>
    <message>
        <source>--register-certificate takes CLIENT_ID=FILE, got &quot;%1&quot;.</source>
        <translation>--register-certificate erwartet CLIENT_ID=DATEI, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>Simulated AEM author (%1, %2): %3
</source>
        <translation>Simulierte AEM-Author-Instanz (%1, %2): %3
</translation>
    </message>
    <message>
        <source>Simulated Adobe IMS:  %1
</source>
        <translation>Simuliertes Adobe IMS:  %1
</translation>
    </message>
    <message>
        <source>AEM login:            %1 / %2
</source>
        <translation>AEM-Anmeldung:          %1 / %2
</translation>
    </message>
    <message>
        <source>OAuth S2S client ID:  %1
</source>
        <translation>OAuth-S2S-Client-ID:    %1
</translation>
    </message>
    <message>
        <source>JWT client ID:        %1
</source>
        <translation>JWT-Client-ID:          %1
</translation>
    </message>
    <message>
        <source>Certificate SHA-256:  %1
</source>
        <translation>Zertifikat SHA-256:     %1
</translation>
    </message>
    <message>
        <source>Serving until Ctrl+C.</source>
        <translation>Läuft bis Strg+C.</translation>
    </message>
    <message>
        <source>Credential files written (throwaway secrets of this run):
</source>
        <translation>Anmeldedatendateien geschrieben (temporäre Geheimnisse dieses Laufs):
</translation>
    </message>
    <message>
        <source>Simulator stopped after %1 requests.</source>
        <translation>Simulator nach %1 Anfragen beendet.</translation>
    </message>
    <message>
        <source>Make one setup step fail once with 500 (repeatable): %1. &quot;agents&quot; makes the first Brand Portal cloud configuration save create no replication agents.</source>
        <translation>Lässt einen Einrichtungsschritt einmal mit 500 fehlschlagen (wiederholbar): %1. „agents“ bewirkt, dass das erste Speichern der Brand Portal-Cloud-Konfiguration keine Replikationsagenten erstellt.</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>SCHRITT</translation>
    </message>
    <message>
        <source>Print the known --fail-step names and exit.</source>
        <translation>Gibt die bekannten --fail-step-Namen aus und beendet sich.</translation>
    </message>
    <message>
        <source>Unknown --fail-step &quot;%1&quot;. Known steps: %2.</source>
        <translation>Unbekannter --fail-step „%1“. Bekannte Schritte: %2.</translation>
    </message>
    <message>
        <source>Simulate a publish instance (run mode publish).</source>
        <translation>Simuliert eine Publish-Instanz (Ausführungsmodus publish).</translation>
    </message>
    <message>
        <source>Misbehave on purpose (repeatable): %1. hang, oversize, not-aem and sso-redirect affect AEM; ims-5xx makes the IMS token endpoints answer 503 twice before working, ims-html makes IMS answer everything with a captive-portal login page, ims-hang makes IMS never answer, csrf-expiry accepts each CSRF token for one write only, error-queue (cloud, oauth-s2s) puts 2 failed items in the Brand Portal distribution agent&apos;s error-queue, distribution-test-fails (cloud, oauth-s2s) makes that agent&apos;s Test Connection answer 400 DROPPED.</source>
        <translation>Absichtliches Fehlverhalten (wiederholbar): %1. hang, oversize, not-aem und sso-redirect betreffen AEM; ims-5xx lässt die IMS-Token-Endpunkte zweimal mit 503 antworten, bevor sie funktionieren, ims-html lässt IMS alles mit der Anmeldeseite eines Captive Portals beantworten, ims-hang lässt IMS nie antworten, csrf-expiry akzeptiert jedes CSRF-Token nur für einen Schreibvorgang, error-queue (cloud, oauth-s2s) legt 2 fehlgeschlagene Elemente in die error-queue des Brand Portal-Verteilungsagenten, distribution-test-fails (cloud, oauth-s2s) lässt die Test Connection dieses Agenten mit 400 DROPPED antworten.</translation>
    </message>
    <message>
        <source>Put N pending items in each Brand Portal replication agent&apos;s queue (a busy queue: the Legacy OAuth Gateway upgrade refuses until it drains).</source>
        <translation>Legt N ausstehende Elemente in die Warteschlange jedes Brand Portal-Replikationsagenten (eine belegte Warteschlange: Die Umstellung vom Legacy OAuth Gateway verweigert, bis sie sich geleert hat).</translation>
    </message>
    <message>
        <source>Each queue read delivers N of the pending items (default 0: the queues are stuck).</source>
        <translation>Jedes Lesen einer Warteschlange liefert N der ausstehenden Elemente aus (Standard 0: Die Warteschlangen hängen).</translation>
    </message>
    <message>
        <source>--%1 takes a number from 0 to 10000.</source>
        <translation>--%1 erwartet eine Zahl von 0 bis 10000.</translation>
    </message>
    <message>
        <source>Let the simulated IMS exchange JWTs as before 2026-03-01 (by default the JWT credential is converted, as Adobe did with every one, and its exchange fails).</source>
        <translation>Lässt das simulierte IMS JWTs wie vor 2026-03-01 austauschen (standardmäßig sind die JWT-Anmeldedaten umgestellt, wie Adobe es mit allen getan hat, und ihr Austausch schlägt fehl).</translation>
    </message>
    <message>
        <source>Print the known --fault names and exit.</source>
        <translation>Gibt die bekannten --fault-Namen aus und beendet sich.</translation>
    </message>
    <message>
        <source>Serve the instance a diagnose report describes (the JSON of bpsetup diagnose --json, masked or not): its version, configuration state, tenant and the faults its checks found. Not with --aem-version, --state, --tenant, --fault or --publish.</source>
        <translation>Stellt die Instanz bereit, die ein Diagnosebericht beschreibt (das JSON von bpsetup diagnose --json, maskiert oder nicht): ihre Version, ihren Konfigurationsstatus, ihren Mandanten und die Fehler, die ihre Prüfungen gefunden haben. Nicht mit --aem-version, --state, --tenant, --fault oder --publish.</translation>
    </message>
    <message>
        <source>REPORT.json</source>
        <translation>BERICHT.json</translation>
    </message>
    <message>
        <source>--from-report sets the version, state, tenant and faults; leave out --%1.</source>
        <translation>--from-report legt Version, Status, Mandant und Fehler fest; lassen Sie --%1 weg.</translation>
    </message>
    <message>
        <source>From the report:      faults %1%2
</source>
        <translation>Aus dem Bericht:        Fehler %1%2
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>, publish instance</source>
        <translation>, Publish-Instanz</translation>
    </message>
    <message>
        <source>Not reproduced:       %1
</source>
        <translation>Nicht nachgebildet:     %1
</translation>
    </message>
    <message>
        <source>Serve only IMS over HTTPS, with such a certificate (Adobe IMS behind a proxy that inspects TLS); AEM stays plain HTTP.</source>
        <translation>Stellt nur IMS über HTTPS bereit, mit einem solchen selbstsignierten Zertifikat (Adobe IMS hinter einem Proxy, der TLS-Verbindungen untersucht); AEM bleibt bei einfachem HTTP.</translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>Could not write &quot;%1&quot;: %2. Choose a directory you can write to.</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2. Wählen Sie ein Verzeichnis mit Schreibrechten.</translation>
    </message>
    <message>
        <source>an existing file could not be replaced</source>
        <translation>eine vorhandene Datei konnte nicht ersetzt werden</translation>
    </message>
    <message>
        <source>the directory could not be created</source>
        <translation>das Verzeichnis konnte nicht erstellt werden</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary JWT key pair. Check the OpenSSL installation.</source>
        <translation>Der Simulator konnte sein temporäres JWT-Schlüsselpaar nicht erstellen. Prüfen Sie die OpenSSL-Installation.</translation>
    </message>
    <message>
        <source>This is not an X.509 certificate. Upload the public certificate (certificate_pub.crt, PEM or DER), not the private key.</source>
        <translation>Dies ist kein X.509-Zertifikat. Laden Sie das öffentliche Zertifikat hoch (certificate_pub.crt, PEM oder DER), nicht den privaten Schlüssel.</translation>
    </message>
    <message>
        <source>The certificate&apos;s key is not an RSA key. Service Account (JWT) credentials need an RSA certificate (RS256).</source>
        <translation>Der Schlüssel des Zertifikats ist kein RSA-Schlüssel. Anmeldedaten vom Typ Service Account (JWT) benötigen ein RSA-Zertifikat (RS256).</translation>
    </message>
    <message>
        <source>The certificate could not be stored.</source>
        <translation>Das Zertifikat konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The simulated IMS has no credential with the client ID &quot;%1&quot;.</source>
        <translation>Das simulierte IMS hat keine Anmeldedaten mit der Client-ID „%1“.</translation>
    </message>
    <message>
        <source>Certificates belong to Service Account (JWT) credentials; &quot;%1&quot; is an OAuth Server-to-Server credential.</source>
        <translation>Zertifikate gehören zu Anmeldedaten vom Typ Service Account (JWT); „%1“ sind OAuth Server-to-Server-Anmeldedaten.</translation>
    </message>
    <message>
        <source>The simulator could not listen on 127.0.0.1:%1 (%2). Choose another port or stop the program using it.</source>
        <translation>Der Simulator konnte nicht auf 127.0.0.1:%1 lauschen (%2). Wählen Sie einen anderen Port, oder beenden Sie das Programm, das ihn verwendet.</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary TLS certificate. Run it without TLS or check the OpenSSL installation.</source>
        <translation>Der Simulator konnte sein temporäres TLS-Zertifikat nicht erstellen. Führen Sie ihn ohne TLS aus, oder prüfen Sie die OpenSSL-Installation.</translation>
    </message>
    <message>
        <source>Unknown AEM version &quot;%1&quot;. Use &quot;cloud&quot;, 6.5.x.y or 6.6.x, for example: %2.</source>
        <translation>Unbekannte AEM-Version „%1“. Verwenden Sie „cloud“, 6.5.x.y oder 6.6.x, zum Beispiel: %2.</translation>
    </message>
    <message>
        <source>The tenant &quot;%1&quot; is not valid. Use lower-case letters, digits and hyphens, as in the Brand Portal URL.</source>
        <translation>Der Mandant „%1“ ist ungültig. Verwenden Sie Kleinbuchstaben, Ziffern und Bindestriche, wie in der Brand Portal-URL.</translation>
    </message>
    <message>
        <source>The latency must not be negative.</source>
        <translation>Die Latenz darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>Port 65535 leaves no room for the IMS port (port + 1). Choose a lower port.</source>
        <translation>Port 65535 lässt keinen Platz für den IMS-Port (Port + 1). Wählen Sie einen niedrigeren Port.</translation>
    </message>
    <message>
        <source>Start the simulator before writing its credential files (they name its IMS URL).</source>
        <translation>Starten Sie den Simulator, bevor Sie seine Anmeldedatendateien schreiben (sie nennen seine IMS-URL).</translation>
    </message>
    <message>
        <source>Unknown simulator state &quot;%1&quot;. Known states: %2.</source>
        <translation>Unbekannter Simulatorstatus „%1“. Bekannte Status: %2.</translation>
    </message>
    <message>
        <source>Unknown simulator fault &quot;%1&quot;. Known faults: %2.</source>
        <translation>Unbekannter Simulatorfehler „%1“. Bekannte Fehler: %2.</translation>
    </message>
    <message>
        <source>Unknown failure step &quot;%1&quot;. Known steps: %2.</source>
        <translation>Unbekannter Fehlerschritt „%1“. Bekannte Schritte: %2.</translation>
    </message>
</context>
<context>
    <name>TenantUrl</name>
    <message>
        <source>&quot;%1&quot; is not a Brand Portal tenant URL: %2</source>
        <translation>„%1“ ist keine Brand Portal-Mandanten-URL: %2</translation>
    </message>
    <message>
        <source>Give the tenant URL as https://&lt;tenant&gt;.brand-portal.adobe.com (the tenant-id URL, not an alias) or just the tenant name.</source>
        <translation>Geben Sie die Mandanten-URL als https://&lt;tenant&gt;.brand-portal.adobe.com an (die URL mit der Mandanten-ID, kein Alias) oder nur den Namen des Mandanten.</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>sie ist leer.</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>sie ist keine URL.</translation>
    </message>
    <message>
        <source>it must start with https://.</source>
        <translation>sie muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>it must not have a port.</source>
        <translation>sie darf keinen Port haben.</translation>
    </message>
    <message>
        <source>it must not contain a user name.</source>
        <translation>sie darf keinen Benutzernamen enthalten.</translation>
    </message>
    <message>
        <source>it must not have a path or query.</source>
        <translation>sie darf keinen Pfad und keine Abfrage haben.</translation>
    </message>
    <message>
        <source>the host must end with .brand-portal.adobe.com.</source>
        <translation>der Host muss auf .brand-portal.adobe.com enden.</translation>
    </message>
    <message>
        <source>there must be exactly one tenant label before .brand-portal.adobe.com.</source>
        <translation>vor .brand-portal.adobe.com muss genau ein Mandanten-Label stehen.</translation>
    </message>
    <message>
        <source>%1 is a Brand Portal download host, not a tenant URL.</source>
        <translation>%1 ist ein Brand Portal-Download-Host, keine Mandanten-URL.</translation>
    </message>
    <message>
        <source>Use your tenant&apos;s own URL, https://&lt;tenant&gt;.brand-portal.adobe.com, as shown in the address bar when you sign in to Brand Portal.</source>
        <translation>Verwenden Sie die eigene URL Ihres Mandanten, https://&lt;tenant&gt;.brand-portal.adobe.com, wie sie in der Adressleiste angezeigt wird, wenn Sie sich bei Brand Portal anmelden.</translation>
    </message>
</context>
<context>
    <name>TrustStore</name>
    <message>
        <source>The trusted certificates file %1 is damaged (%2) and could not be moved aside; nothing will be saved over it.</source>
        <translation>Die Datei der vertrauenswürdigen Zertifikate %1 ist beschädigt (%2) und konnte nicht beiseitegelegt werden; es wird nichts darüber gespeichert.</translation>
    </message>
    <message>
        <source>Move the file aside by hand; certificates will then be asked for again.</source>
        <translation>Verschieben Sie die Datei manuell; anschließend wird für Zertifikate erneut nachgefragt.</translation>
    </message>
    <message>
        <source>The trusted certificates file was damaged (%1). It was kept as %2; certificates you trusted before will be asked for again.</source>
        <translation>Die Datei der vertrauenswürdigen Zertifikate war beschädigt (%1). Sie wurde als %2 aufbewahrt; für Zertifikate, denen Sie zuvor vertraut haben, wird erneut nachgefragt.</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>&quot;pins&quot; is missing or not an object</source>
        <translation>„pins“ fehlt oder ist kein Objekt</translation>
    </message>
    <message>
        <source>the entry for %1 is not a SHA-256 fingerprint</source>
        <translation>der Eintrag für %1 ist kein SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Cannot save the trusted certificates file %1: %2</source>
        <translation>Die Datei der vertrauenswürdigen Zertifikate %1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>ihre Formatversion ist keine ganze Zahl, die dieses Tool versteht</translation>
    </message>
    <message>
        <source>The trusted certificates file %1 was written by a newer bpsetup: its pins are used, but new ones are not saved.</source>
        <translation>Die Datei der vertrauenswürdigen Zertifikate %1 wurde von einer neueren bpsetup-Version geschrieben: Die darin hinterlegten Fingerabdrücke werden verwendet, neue aber nicht gespeichert.</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>Aktualisieren Sie bpsetup.</translation>
    </message>
</context>
<context>
    <name>ValidateCommand</name>
    <message>
        <source>%1 is a private key, not a Developer Console credential file.</source>
        <translation>%1 ist ein privater Schlüssel, keine Developer Console-Anmeldedatendatei.</translation>
    </message>
    <message>
        <source>Pass the key with --private-key, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>Übergeben Sie den Schlüssel mit --private-key und das aus der Developer Console heruntergeladene JSON mit --credentials.</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a Developer Console credential file.</source>
        <translation>%1 ist ein Zertifikat, keine Developer Console-Anmeldedatendatei.</translation>
    </message>
    <message>
        <source>Pass the certificate with --certificate, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>Übergeben Sie das Zertifikat mit --certificate und das aus der Developer Console heruntergeladene JSON mit --credentials.</translation>
    </message>
    <message>
        <source>Checks Adobe Developer Console credentials directly against Adobe IMS, before anything touches AEM. Nothing is stored; the token IMS issues is discarded.</source>
        <translation>Prüft Anmeldedaten aus der Adobe Developer Console direkt bei Adobe IMS, bevor irgendetwas AEM berührt. Es wird nichts gespeichert; das von IMS ausgestellte Token wird verworfen.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Credential JSON from Developer Console (project &quot;Download all&quot;, the credential&apos;s Download JSON, or the JWT payload).</source>
        <translation>Anmeldedaten-JSON aus der Developer Console („Download all“ des Projekts, Download JSON der Anmeldedaten oder der JWT-Payload).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>JWT only: the private key (PEM).</source>
        <translation>Nur JWT: der private Schlüssel (PEM).</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>JWT only: the certificate uploaded to the credential (PEM or DER); checked against the private key and for expiry.</source>
        <translation>Nur JWT: das zu den Anmeldedaten hochgeladene Zertifikat (PEM oder DER); wird mit dem privaten Schlüssel abgeglichen und auf Ablauf geprüft.</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from the first line of stdin.</source>
        <translation>Liest die Passphrase des privaten Schlüssels aus der ersten Zeile von stdin.</translation>
    </message>
    <message>
        <source>Adobe IMS address (default https://ims-na1.adobelogin.com; http:// only for 127.0.0.1/localhost).</source>
        <translation>Adresse von Adobe IMS (Standard: https://ims-na1.adobelogin.com; http:// nur für 127.0.0.1/localhost).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus.</translation>
    </message>
    <message>
        <source> (see bpsetup validate --help)</source>
        <translation> (siehe bpsetup validate --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup validate --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup validate --help).</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the JSON downloaded from Developer Console), or --profile NAME.</source>
        <translation>--credentials DATEI ist erforderlich (das aus der Developer Console heruntergeladene JSON), oder --profile NAME.</translation>
    </message>
    <message>
        <source>Credential: %1, client %2.</source>
        <translation>Anmeldedaten: %1, Client %2.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>The credential is incomplete:
  %1</source>
        <translation>Die Anmeldedaten sind unvollständig:
  %1</translation>
    </message>
    <message>
        <source>This JWT credential is checked by signing a JWT with its private key: pass it with --private-key.</source>
        <translation>Diese JWT-Anmeldedaten werden geprüft, indem ein JWT mit ihrem privaten Schlüssel signiert wird: Übergeben Sie ihn mit --private-key.</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>Wenn AEM das Schlüsselpaar generiert hat (Sie haben das öffentliche Zertifikat von AEM in die Developer Console hochgeladen), existiert der Schlüssel nur in AEM: Eine direkte Validierung ist nicht möglich, und die eigene Zustandsprüfung von AEM testet ihn, nachdem die Konfiguration angewendet wurde.</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>Passphrase für den privaten Schlüssel: </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin wurde angegeben, aber stdin enthielt keine Passphrase.</translation>
    </message>
    <message>
        <source>Pass the passphrase on the first line of stdin with --key-passphrase-stdin.</source>
        <translation>Übergeben Sie die Passphrase in der ersten Zeile von stdin mit --key-passphrase-stdin.</translation>
    </message>
    <message>
        <source>The certificate expired on %1: IMS no longer accepts JWTs signed for it, and JWT certificates cannot be renewed any more. Migrate to OAuth Server-to-Server.</source>
        <translation>Das Zertifikat ist am %1 abgelaufen: IMS akzeptiert keine dafür signierten JWTs mehr, und JWT-Zertifikate können nicht mehr erneuert werden. Migrieren Sie zu OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The certificate expires on %1, within 30 days.</source>
        <translation>Das Zertifikat läuft am %1 ab, also innerhalb von 30 Tagen.</translation>
    </message>
    <message>
        <source>warning: an OAuth Server-to-Server credential needs no private key; --private-key is ignored.</source>
        <translation>Warnung: OAuth Server-to-Server-Anmeldedaten benötigen keinen privaten Schlüssel; --private-key wird ignoriert.</translation>
    </message>
    <message>
        <source>OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.</source>
        <translation>OK: Adobe IMS hat ein %1-Token für %2 ausgestellt (Client %3, Organisation %4), gültig für %5.</translation>
    </message>
    <message>
        <source>Client secret %1 of %2 was accepted.</source>
        <translation>Client-Secret %1 von %2 wurde akzeptiert.</translation>
    </message>
    <message>
        <source>Rejected by Adobe IMS.</source>
        <translation>Von Adobe IMS abgelehnt.</translation>
    </message>
    <message>
        <source>Not checked: Adobe IMS did not decide on the credential.</source>
        <translation>Nicht geprüft: Adobe IMS hat nicht über die Anmeldedaten entschieden.</translation>
    </message>
    <message>
        <source>(IMS said: %1 — %2%3)</source>
        <translation>(IMS meldete: %1 — %2%3)</translation>
    </message>
    <message>
        <source>; debug id %1</source>
        <translation>; Debug-ID %1</translation>
    </message>
</context>
<context>
    <name>VerifyChecklist</name>
    <message>
        <source>Run bpsetup verify: it checks from the AEM side what activation creates (the Brand Portal cloud configuration, the distribution agent bpdistributionagent0, its queues and its Test Connection). bpsetup writes no configuration on Cloud Service.</source>
        <translation>Führen Sie bpsetup verify aus: Es prüft von der AEM-Seite aus, was die Aktivierung erstellt (die Brand Portal-Cloud-Konfiguration, den Verteilungsagenten bpdistributionagent0, seine Warteschlangen und seine Test Connection). bpsetup schreibt auf Cloud Service keine Konfiguration.</translation>
    </message>
    <message>
        <source>Open Cloud Manager (experience.adobe.com › Cloud Manager).</source>
        <translation>Öffnen Sie Cloud Manager (experience.adobe.com › Cloud Manager).</translation>
    </message>
    <message>
        <source>Choose the program, then its production environment (the one entitled to Brand Portal) under Environments.</source>
        <translation>Wählen Sie das Programm und dann unter Environments dessen Produktionsumgebung (die für Brand Portal berechtigte).</translation>
    </message>
    <message>
        <source>Choose Activate Brand Portal. Adobe currently notes that while Brand Portal is in maintenance mode, activation goes through your Adobe representative: contact them to activate it.</source>
        <translation>Wählen Sie Activate Brand Portal. Adobe weist derzeit darauf hin, dass die Aktivierung, solange sich Brand Portal im Wartungsmodus befindet, über Ihren Adobe-Ansprechpartner läuft: Wenden Sie sich zur Aktivierung an ihn.</translation>
    </message>
    <message>
        <source>Wait until the status shows &apos;Activated&apos; (a few minutes).</source>
        <translation>Warten Sie, bis der Status „Activated“ anzeigt (einige Minuten).</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <source>PASS</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>WARNUNG</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>ÜBERSPRUNGEN</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Bereitstellung:</translation>
    </message>
    <message>
        <source>Activating Brand Portal on Cloud Service (done by a person; bpsetup writes nothing):</source>
        <translation>Aktivierung von Brand Portal auf Cloud Service (erfolgt durch eine Person; bpsetup schreibt nichts):</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Verify failed at %1: %2</source>
        <translation>Überprüfung fehlgeschlagen bei %1: %2</translation>
    </message>
    <message>
        <source>Verify passed: the configured chain works.</source>
        <translation>Überprüfung bestanden: Die konfigurierte Kette funktioniert.</translation>
    </message>
    <message>
        <source>Checks the configured Brand Portal chain end to end: IMS configuration present and in OAuth mode, the cloud configuration pointing at it, every replication agent&apos;s Test Connection (6.5) or the distribution agent bpdistributionagent0&apos;s Test Connection (Cloud Service, after the activation checklist), and idle queues. The only requests that may change anything are the agents&apos; test requests. Exit 0 when every check passes, 1 when one fails (named with its remedy).</source>
        <translation>Überprüft die konfigurierte Brand Portal-Kette durchgängig: IMS-Konfiguration vorhanden und im OAuth-Modus, Cloud-Konfiguration verweist darauf, Test Connection jedes Replikationsagenten (6.5) bzw. Test Connection des Verteilungsagenten bpdistributionagent0 (Cloud Service, nach der Aktivierungs-Checkliste) und leere Warteschlangen. Die einzigen Anfragen, die etwas ändern können, sind die Testanfragen der Agenten. Exit-Code 0, wenn jede Prüfung bestanden ist, 1, wenn eine fehlschlägt (mit Name und Abhilfe).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Zeigt diese Hilfe an.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, checks (id, status, evidence, remedy).</source>
        <translation>Gibt ein einzelnes JSON-Objekt auf stdout aus: ok, deployment, checks (id, status, evidence, remedy).</translation>
    </message>
    <message>
        <source> (see bpsetup verify --help)</source>
        <translation> (siehe bpsetup verify --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup verify --help).</source>
        <translation>Unerwartetes Argument „%1“ (siehe bpsetup verify --help).</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>The zip file is damaged or incomplete.</source>
        <translation>Die ZIP-Datei ist beschädigt oder unvollständig.</translation>
    </message>
    <message>
        <source>The zip file uses a feature bpsetup does not read (%1).</source>
        <translation>Die ZIP-Datei verwendet eine Funktion, die bpsetup nicht liest (%1).</translation>
    </message>
    <message>
        <source>The zip file holds more than bpsetup reads (%1).</source>
        <translation>Die ZIP-Datei enthält mehr, als bpsetup liest (%1).</translation>
    </message>
    <message>
        <source>The file is not a zip archive.</source>
        <translation>Die Datei ist kein ZIP-Archiv.</translation>
    </message>
    <message>
        <source>%1 entries, at most %2</source>
        <translation>%1 Einträge, höchstens %2</translation>
    </message>
    <message>
        <source>%1 is %2 bytes uncompressed, at most %3</source>
        <translation>%1 ist unkomprimiert %2 Byte groß, höchstens %3</translation>
    </message>
    <message>
        <source>more than %1 bytes uncompressed</source>
        <translation>mehr als %1 Byte unkomprimiert</translation>
    </message>
    <message>
        <source>The zip file has no %1.</source>
        <translation>In der ZIP-Datei fehlt %1.</translation>
    </message>
</context>
<context>
    <name>bp</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation>AEM Assets as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM 6.5, on-premise or managed service</source>
        <translation>AEM 6.5, On-Premise oder Managed Service</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS, on-premise or managed service</source>
        <translation>AEM 6.5 LTS, On-Premise oder Managed Service</translation>
    </message>
    <message>
        <source>Another AEM release</source>
        <translation>Ein anderes AEM-Release</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>bp::ActivityLog</name>
    <message>
        <source>Cannot write the activity log %1: %2</source>
        <translation>Das Aktivitätsprotokoll %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>sein Ordner kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>it is full and cannot be moved to %1</source>
        <translation>es ist voll und kann nicht nach %1 verschoben werden</translation>
    </message>
</context>
<context>
    <name>bp::AemCall</name>
    <message>
        <source>AEM no longer accepts the user name and password.</source>
        <translation>AEM akzeptiert den Benutzernamen und das Passwort nicht mehr.</translation>
    </message>
    <message>
        <source>Check the AEM password (it may have been changed while bpsetup was working), then run the command again; what was already written is in the backup.</source>
        <translation>Prüfen Sie das AEM-Passwort (es wurde möglicherweise geändert, während bpsetup arbeitete), und führen Sie den Befehl dann erneut aus; was bereits geschrieben wurde, ist in der Sicherung enthalten.</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token, so it cannot be changed.</source>
        <translation>AEM hat kein CSRF-Token ausgegeben, daher kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>Allow %1 in the dispatcher and pass the CSRF-Token header through, or connect to the author directly.</source>
        <translation>Lassen Sie %1 im Dispatcher zu, und leiten Sie den Header CSRF-Token durch, oder verbinden Sie sich direkt mit der Author-Instanz.</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token (it answered %1), so it cannot be changed.</source>
        <translation>AEM hat kein CSRF-Token ausgegeben (Antwort: %1), daher kann nichts geändert werden.</translation>
    </message>
</context>
<context>
    <name>bp::AemInstance</name>
    <message>
        <source>No Brand Portal configuration</source>
        <translation>Keine Brand Portal-Konfiguration</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway configuration</source>
        <translation>Legacy OAuth Gateway-Konfiguration</translation>
    </message>
    <message>
        <source>Developer Console configuration with a JWT (Service Account) credential</source>
        <translation>Developer Console-Konfiguration mit JWT-Anmeldedaten (Service Account)</translation>
    </message>
    <message>
        <source>Developer Console configuration with OAuth Server-to-Server</source>
        <translation>Developer Console-Konfiguration mit OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Configured, but inconsistent or failing</source>
        <translation>Konfiguriert, aber inkonsistent oder fehlerhaft</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>Konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>the page does not contain a version</source>
        <translation>die Seite enthält keine Version</translation>
    </message>
    <message>
        <source>no service pack package listed</source>
        <translation>kein Service Pack-Paket aufgeführt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a version this tool understands</source>
        <translation>„%1“ ist keine Version, die dieses Tool versteht</translation>
    </message>
    <message>
        <source>the package list is not the XML AEM&apos;s Package Manager sends</source>
        <translation>die Paketliste ist nicht das XML, das der Package Manager von AEM sendet</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>%1 reports %2, %3 reports %4</source>
        <translation>%1 meldet %2, %3 meldet %4</translation>
    </message>
    <message>
        <source>not found (%1; a dispatcher may block it)</source>
        <translation>nicht gefunden (%1; möglicherweise blockiert ein Dispatcher)</translation>
    </message>
</context>
<context>
    <name>bp::AgentTestsTask</name>
    <message>
        <source>No Brand Portal replication agent for %1 was found.</source>
        <translation>Für %1 wurde kein Brand Portal-Replikationsagent gefunden.</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, save it again and run apply again; AEM creates the agents when it is saved.</source>
        <translation>Öffnen Sie die Brand Portal-Cloud-Konfiguration, speichern Sie sie erneut, und führen Sie apply erneut aus; AEM erstellt die Agenten beim Speichern.</translation>
    </message>
    <message>
        <source>Test Connection of %1 succeeded.</source>
        <translation>Test Connection von %1 erfolgreich.</translation>
    </message>
    <message>
        <source>no result on the page</source>
        <translation>kein Ergebnis auf der Seite</translation>
    </message>
    <message>
        <source>Check the IMS configuration (Tools › Security › Adobe IMS Configurations › Check Health), that Extended › Close Connection is set on the agent, and the replication log; then run the test again.</source>
        <translation>Prüfen Sie die IMS-Konfiguration (Tools › Security › Adobe IMS Configurations › Check Health), ob Extended › Close Connection am Agenten gesetzt ist, und das Replikationsprotokoll; führen Sie den Test dann erneut aus.</translation>
    </message>
    <message>
        <source>Open the agent in Tools › Deployment › Replication and look at its queue.</source>
        <translation>Öffnen Sie den Agenten unter Tools › Deployment › Replication, und sehen Sie sich seine Warteschlange an.</translation>
    </message>
    <message>
        <source>The queue of %1 is idle.</source>
        <translation>Die Warteschlange von %1 ist leer.</translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 is blocked with %n item(s).</source>
        <translation>
            <numerusform>Die Warteschlange von %1 ist mit %n Element blockiert.</numerusform>
            <numerusform>Die Warteschlange von %1 ist mit %n Elementen blockiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 holds %n item(s).</source>
        <translation>
            <numerusform>Die Warteschlange von %1 enthält %n Element.</numerusform>
            <numerusform>Die Warteschlange von %1 enthält %n Elemente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Oldest: %1.</source>
        <translation>Ältestes: %1.</translation>
    </message>
    <message>
        <source>Look at the replication log for the first failing item; do not disable the agent (queued assets can fail). Retry or clear the item once the cause is fixed.</source>
        <translation>Suchen Sie im Replikationsprotokoll nach dem ersten fehlgeschlagenen Element; deaktivieren Sie den Agenten nicht (Assets in der Warteschlange können fehlschlagen). Wiederholen oder entfernen Sie das Element, sobald die Ursache behoben ist.</translation>
    </message>
    <message>
        <source>Test Connection of %1 failed (%2): %3</source>
        <translation>Test Connection von %1 fehlgeschlagen (%2): %3</translation>
    </message>
    <message>
        <source>The queue of %1 could not be read (%2).</source>
        <translation>Die Warteschlange von %1 konnte nicht gelesen werden (%2).</translation>
    </message>
</context>
<context>
    <name>bp::ApplyRun</name>
    <message>
        <source>Reading the current state</source>
        <translation>Aktueller Zustand wird gelesen</translation>
    </message>
    <message>
        <source>The instance changed since the plan was made, so the plan no longer describes what apply would do.</source>
        <translation>Die Instanz hat sich seit dem Erstellen des Plans geändert, daher beschreibt der Plan nicht mehr, was apply tun würde.</translation>
    </message>
    <message>
        <source>Run `bpsetup plan` again, review it, then apply the new plan.</source>
        <translation>Führen Sie `bpsetup plan` erneut aus, prüfen Sie den Plan, und wenden Sie dann den neuen Plan an.</translation>
    </message>
    <message>
        <source>Backing up as a content package</source>
        <translation>Sicherung als Inhaltspaket wird erstellt</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM. Fix the cause, then run apply again.</source>
        <translation>In AEM wurde nichts geändert. Beheben Sie die Ursache, und führen Sie apply dann erneut aus.</translation>
    </message>
    <message>
        <source>Roll back with `bpsetup rollback --backup %1` (the wizard offers Roll back), or fix the cause and run apply again: it continues to the same end state.</source>
        <translation>Setzen Sie mit `bpsetup rollback --backup %1` zurück (der Assistent bietet „Zurücksetzen“ an), oder beheben Sie die Ursache, und führen Sie apply erneut aus: Es arbeitet bis zum selben Endzustand weiter.</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed: %2</source>
        <translation>Der Schritt „%1“ ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>Das Anwenden wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Testing the replication agents</source>
        <translation>Replikationsagenten werden getestet</translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass.</source>
        <translation>
            <numerusform>%n Test wurde nicht bestanden.</numerusform>
            <numerusform>%n Tests wurden nicht bestanden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bp::BoundedFile</name>
    <message>
        <source>%1 is not a regular file (a pipe, device or folder cannot be the %2). Give the path of the file itself.</source>
        <translation>%1 ist keine reguläre Datei (eine Pipe, ein Gerät oder ein Ordner kommt als %2 nicht in Frage). Geben Sie den Pfad der Datei selbst an.</translation>
    </message>
    <message>
        <source>%1 is larger than %2, which no %3 is. Check that it is the right file.</source>
        <translation>%1 ist größer als %2; so groß ist keine Datei vom Typ „%3“. Prüfen Sie, ob es die richtige Datei ist.</translation>
    </message>
    <message>
        <source>Cannot read the %1 %2: %3</source>
        <translation>%2 (%1) kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>credential file</source>
        <translation>Anmeldedatendatei</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>privater Schlüssel</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>Rezept</translation>
    </message>
    <message>
        <source>profiles file</source>
        <translation>Profildatei</translation>
    </message>
    <message>
        <source>trusted certificates file</source>
        <translation>Datei der vertrauenswürdigen Zertifikate</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation>kein Dateiname angegeben</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>plan file</source>
        <translation>Plandatei</translation>
    </message>
    <message>
        <source>content package</source>
        <translation>Inhaltspaket</translation>
    </message>
    <message>
        <source>diagnose report</source>
        <translation>Diagnosebericht</translation>
    </message>
    <message>
        <source>inventory</source>
        <translation>Inventar</translation>
    </message>
</context>
<context>
    <name>bp::CertificateInfo</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
</context>
<context>
    <name>bp::CreateSession</name>
    <message>
        <source>The credential file holds one client secret; rotating needs a second.</source>
        <translation>Die Anmeldedatendatei enthält ein Client-Secret; für die Rotation wird ein zweites benötigt.</translation>
    </message>
    <message>
        <source>Generate a second client secret on the credential&apos;s page in Adobe Developer Console, download the credential again and give that file.</source>
        <translation>Generieren Sie auf der Seite der Anmeldedaten in der Adobe Developer Console ein zweites Client-Secret, laden Sie die Anmeldedaten erneut herunter, und geben Sie diese Datei an.</translation>
    </message>
</context>
<context>
    <name>bp::DiagnoseTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>auf Cloud Service nicht lesbar</translation>
    </message>
    <message numerus="yes">
        <source>The AEM version could not be read (%n source(s) tried).</source>
        <translation>
            <numerusform>Die AEM-Version konnte nicht gelesen werden (%n Quelle versucht).</numerusform>
            <numerusform>Die AEM-Version konnte nicht gelesen werden (%n Quellen versucht).</numerusform>
        </translation>
    </message>
    <message>
        <source>AEM as a Cloud Service %1.</source>
        <translation>AEM as a Cloud Service %1.</translation>
    </message>
    <message>
        <source>AEM %1 is below %2, the first version Brand Portal can be configured with Developer Console credentials on.</source>
        <translation>AEM %1 ist älter als %2, die erste Version, auf der Brand Portal mit Developer Console-Anmeldedaten konfiguriert werden kann.</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (or move to AEM 6.5 LTS), then run diagnose again.</source>
        <translation>Installieren Sie das neueste Service Pack für AEM 6.5 (oder wechseln Sie zu AEM 6.5 LTS), und führen Sie diagnose dann erneut aus.</translation>
    </message>
    <message>
        <source>AEM %1; %2 is the latest service pack bpsetup knows of for %3.</source>
        <translation>AEM %1; %2 ist das neueste Service Pack für %3, das bpsetup kennt.</translation>
    </message>
    <message>
        <source>Adobe&apos;s prerequisite for Brand Portal is the latest service pack: plan the update to %1 or later.</source>
        <translation>Adobes Voraussetzung für Brand Portal ist das neueste Service Pack: Planen Sie die Aktualisierung auf %1 oder höher.</translation>
    </message>
    <message>
        <source>AEM %1.</source>
        <translation>AEM %1.</translation>
    </message>
    <message>
        <source>%1 supports OAuth Server-to-Server IMS configurations natively.</source>
        <translation>%1 unterstützt IMS-Konfigurationen mit OAuth Server-to-Server nativ.</translation>
    </message>
    <message>
        <source>%1 with %2 installed.</source>
        <translation>%1 mit installiertem %2.</translation>
    </message>
    <message>
        <source>%1 needs the OAuth compatibility hotfix %2, which is not installed%3.</source>
        <translation>%1 benötigt den OAuth-Kompatibilitäts-Hotfix %2, der nicht installiert ist%3.</translation>
    </message>
    <message>
        <source> (the package list was not readable)</source>
        <translation> (die Paketliste war nicht lesbar)</translation>
    </message>
    <message>
        <source>Install %1 from Adobe&apos;s Software Distribution (bpsetup apply --hotfix-package FILE does it as the plan&apos;s first step), or update to 6.5.21.0 or later.</source>
        <translation>Installieren Sie %1 aus Adobe Software Distribution (bpsetup apply --hotfix-package DATEI erledigt das als ersten Schritt des Plans), oder aktualisieren Sie auf 6.5.21.0 oder höher.</translation>
    </message>
    <message>
        <source>%1 has no OAuth Server-to-Server support (it starts with 6.5.11.0 and the hotfix).</source>
        <translation>%1 unterstützt OAuth Server-to-Server nicht (die Unterstützung beginnt mit 6.5.11.0 und dem Hotfix).</translation>
    </message>
    <message>
        <source>Install service pack 6.5.21.0 or later (or 6.5.11.0 or later with %1).</source>
        <translation>Installieren Sie Service Pack 6.5.21.0 oder höher (oder 6.5.11.0 oder höher mit %1).</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: OAuth through Cloud Manager.</source>
        <translation>AEM as a Cloud Service: OAuth über Cloud Manager.</translation>
    </message>
    <message>
        <source>Unknown: the AEM version was not read.</source>
        <translation>Unbekannt: Die AEM-Version wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (tenant %1).</source>
        <translation>OAuth Server-to-Server (Mandant %1).</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal configuration.</source>
        <translation>Nicht aktiviert: keine Brand Portal-Konfiguration.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration.</source>
        <translation>Keine Brand Portal-Konfiguration.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (bpsetup verify shows the checklist).</source>
        <translation>Aktivieren Sie Brand Portal in Cloud Manager (bpsetup verify zeigt die Checkliste).</translation>
    </message>
    <message>
        <source>Create it with bpsetup plan and bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Erstellen Sie sie mit bpsetup plan und bpsetup apply, mit OAuth Server-to-Server-Anmeldedaten aus der Adobe Developer Console.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway (tenant %1): the gateway endpoint it uses is gone, so publishing to Brand Portal fails.</source>
        <translation>Legacy OAuth Gateway (Mandant %1): Der verwendete Gateway-Endpunkt existiert nicht mehr, daher schlägt das Veröffentlichen in Brand Portal fehl.</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential (the wizard&apos;s Upgrade).</source>
        <translation>Stellen Sie auf OAuth Server-to-Server um: bpsetup plan, dann bpsetup apply, mit OAuth Server-to-Server-Anmeldedaten (im Assistenten: „Auf OAuth Server-to-Server umstellen“).</translation>
    </message>
    <message>
        <source>Developer Console JWT (tenant %1): JWT token exchange stopped working when Adobe converted the credentials on %2.</source>
        <translation>Developer Console JWT (Mandant %1): Der JWT-Token-Austausch funktioniert nicht mehr, seit Adobe die Anmeldedaten am %2 umgestellt hat.</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: download the converted credential of the same project from Developer Console, then bpsetup plan and bpsetup apply (the wizard&apos;s Upgrade).</source>
        <translation>Stellen Sie auf OAuth Server-to-Server um: Laden Sie die umgestellten Anmeldedaten desselben Projekts aus der Developer Console herunter, dann bpsetup plan und bpsetup apply (im Assistenten: „Auf OAuth Server-to-Server umstellen“).</translation>
    </message>
    <message>
        <source>Broken: %1</source>
        <translation>Defekt: %1</translation>
    </message>
    <message>
        <source>Adobe&apos;s remedy is delete and recreate: bpsetup apply does it (the wizard&apos;s Upgrade), with a backup and rollback.</source>
        <translation>Adobes Abhilfe ist Löschen und Neuerstellen: bpsetup apply erledigt das (im Assistenten: „Auf OAuth Server-to-Server umstellen“), mit Sicherung und Zurücksetzen.</translation>
    </message>
    <message>
        <source>Unknown: the configuration could not be read.</source>
        <translation>Unbekannt: Die Konfiguration konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>Durch die Aktivierung erstellte IMS-Konfigurationen sind %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configuration(s) in %1.</source>
        <translation>
            <numerusform>%n Brand Portal-IMS-Konfiguration in %1.</numerusform>
            <numerusform>%n Brand Portal-IMS-Konfigurationen in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configurations: %1. Adobe allows exactly one per tenant.</source>
        <translation>
            <numerusform>%n Brand Portal-IMS-Konfiguration: %1. Adobe erlaubt genau eine pro Mandant.</numerusform>
            <numerusform>%n Brand Portal-IMS-Konfigurationen: %1. Adobe erlaubt genau eine pro Mandant.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep the one the cloud configuration names and delete the others (bpsetup apply removes them, with a backup).</source>
        <translation>Behalten Sie die Konfiguration, die die Cloud-Konfiguration nennt, und löschen Sie die anderen (bpsetup apply entfernt sie, mit Sicherung).</translation>
    </message>
    <message>
        <source>No second configuration beside the one found.</source>
        <translation>Keine zweite Konfiguration neben der gefundenen.</translation>
    </message>
    <message>
        <source>No Legacy OAuth Gateway objects beside the configuration.</source>
        <translation>Keine Legacy OAuth Gateway-Objekte neben der Konfiguration.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway objects beside the current configuration: %1.</source>
        <translation>Legacy OAuth Gateway-Objekte neben der aktuellen Konfiguration: %1.</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration names a tenant.</source>
        <translation>Keine Brand Portal-Cloud-Konfiguration nennt einen Mandanten.</translation>
    </message>
    <message>
        <source>Use https://&lt;tenant-id&gt;.brand-portal.adobe.com, the tenant-id URL (not an alias or a download host).</source>
        <translation>Verwenden Sie https://&lt;tenant-id&gt;.brand-portal.adobe.com, die URL mit der Mandanten-ID (kein Alias und kein Download-Host).</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service publishes through the distribution agent, not replication agents.</source>
        <translation>AEM as a Cloud Service veröffentlicht über den Verteilungsagenten, nicht über Replikationsagenten.</translation>
    </message>
    <message>
        <source>No Brand Portal replication agent in %1.</source>
        <translation>Kein Brand Portal-Replikationsagent in %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n agent(s) enabled: %1.</source>
        <translation>
            <numerusform>%n Agent aktiviert: %1.</numerusform>
            <numerusform>Alle %n Agenten aktiviert: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>Deaktiviert: %1.</translation>
    </message>
    <message>
        <source>Enable them (Tools › Deployment › Replication › the agent › Edit › Enabled): the Brand Portal agents share the publishing jobs. Do not disable an agent to stop failures; fix the cause.</source>
        <translation>Aktivieren Sie sie (Tools › Deployment › Replication › the agent › Edit › Enabled): Die Brand Portal-Agenten teilen sich die Veröffentlichungsaufträge. Deaktivieren Sie keinen Agenten, um Fehler zu unterbinden; beheben Sie die Ursache.</translation>
    </message>
    <message numerus="yes">
        <source>Close Connection is set on all %n agent(s).</source>
        <translation>
            <numerusform>Close Connection ist an %n Agenten gesetzt.</numerusform>
            <numerusform>Close Connection ist an allen %n Agenten gesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close Connection is not set on %1 (%2 read).</source>
        <translation>Close Connection ist an %1 nicht gesetzt (%2 gelesen).</translation>
    </message>
    <message>
        <source>Tick Extended › Close Connection on every Brand Portal agent (bpsetup apply sets it): without it, Test Connection and publishing time out under load.</source>
        <translation>Aktivieren Sie Extended › Close Connection an jedem Brand Portal-Agenten (bpsetup apply setzt die Option): Ohne sie laufen Test Connection und Veröffentlichungen unter Last in Zeitüberschreitungen.</translation>
    </message>
    <message>
        <source>The run modes are %1 (the Felix console is not exposed).</source>
        <translation>Die Ausführungsmodi sind %1 (die Felix-Konsole ist nicht freigegeben).</translation>
    </message>
    <message>
        <source>The run modes could not be read (%1): the Felix console is blocked or not allowed for this user.</source>
        <translation>Die Ausführungsmodi konnten nicht gelesen werden (%1): Die Felix-Konsole ist blockiert oder für diesen Benutzer nicht zugelassen.</translation>
    </message>
    <message>
        <source>Run modes %1: this is a publish instance.</source>
        <translation>Ausführungsmodi %1: Dies ist eine Publish-Instanz.</translation>
    </message>
    <message>
        <source>Brand Portal is configured on the author: connect to the author instance.</source>
        <translation>Brand Portal wird auf der Author-Instanz konfiguriert: Verbinden Sie sich mit der Author-Instanz.</translation>
    </message>
    <message>
        <source>Run modes %1: neither author nor publish.</source>
        <translation>Ausführungsmodi %1: weder author noch publish.</translation>
    </message>
    <message>
        <source>Run modes %1.</source>
        <translation>Ausführungsmodi %1.</translation>
    </message>
    <message>
        <source>No answer from AEM carried a Date header.</source>
        <translation>Keine Antwort von AEM enthielt einen Date-Header.</translation>
    </message>
    <message numerus="yes">
        <source>AEM&apos;s clock (Date header %1) differs from this machine&apos;s by %n second(s).</source>
        <translation>
            <numerusform>Die Uhr von AEM (Date-Header %1) weicht um %n Sekunde von der dieses Rechners ab.</numerusform>
            <numerusform>Die Uhr von AEM (Date-Header %1) weicht um %n Sekunden von der dieses Rechners ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronise the clocks with NTP (on the AEM host and here): Adobe IMS rejects tokens and JWTs for time differences beyond about a minute.</source>
        <translation>Synchronisieren Sie die Uhren mit NTP (auf dem AEM-Host und hier): Adobe IMS lehnt Token und JWTs bei Zeitabweichungen von mehr als etwa einer Minute ab.</translation>
    </message>
    <message>
        <source>bpsetup reached AEM without a proxy.</source>
        <translation>bpsetup hat AEM ohne Proxy erreicht.</translation>
    </message>
    <message>
        <source>bpsetup reached AEM through the proxy %1.</source>
        <translation>bpsetup hat AEM über den Proxy %1 erreicht.</translation>
    </message>
    <message>
        <source>AEM has no outbound proxy configured in %1.</source>
        <translation>In AEM ist in %1 kein ausgehender Proxy konfiguriert.</translation>
    </message>
    <message>
        <source>AEM&apos;s outbound proxy is configured in %1; IMS and Brand Portal must be allowed through it.</source>
        <translation>Der ausgehende Proxy von AEM ist in %1 konfiguriert; IMS und Brand Portal müssen darüber erreichbar sein.</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) of detection.</source>
        <translation>
            <numerusform>%1 hat %n Erkennungsanfrage beantwortet.</numerusform>
            <numerusform>%1 hat %n Erkennungsanfragen beantwortet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every path detection read was answered by AEM itself (%n path(s)).</source>
        <translation>
            <numerusform>Jeder bei der Erkennung gelesene Pfad wurde von AEM selbst beantwortet (%n Pfad).</numerusform>
            <numerusform>Jeder bei der Erkennung gelesene Pfad wurde von AEM selbst beantwortet (%n Pfade).</numerusform>
        </translation>
    </message>
    <message>
        <source>Answered by something in front of AEM, not by AEM: %1.</source>
        <translation>Von etwas vor AEM beantwortet, nicht von AEM: %1.</translation>
    </message>
    <message>
        <source>Run bpsetup against the author directly (for example port 4502, not through the dispatcher), or allow these paths for administrators in the dispatcher filters; the checks that need them cannot see the real state otherwise.</source>
        <translation>Führen Sie bpsetup direkt gegen die Author-Instanz aus (zum Beispiel Port 4502, nicht über den Dispatcher), oder lassen Sie diese Pfade in den Dispatcher-Filtern für Administratoren zu; andernfalls sehen die Prüfungen, die sie benötigen, nicht den tatsächlichen Zustand.</translation>
    </message>
    <message>
        <source>Checked across instances in fleet runs (bpsetup diagnose --inventory): a tenant paired with several authors (stage and production) loses contributed assets to whichever polls first.</source>
        <translation>Wird bei Läufen über mehrere Instanzen geprüft (bpsetup diagnose --inventory): Ein Mandant, der mit mehreren Author-Instanzen gekoppelt ist (Stage und Produktion), verliert beigesteuerte Assets an die Instanz, die zuerst abfragt.</translation>
    </message>
    <message>
        <source>Only JWT and Legacy OAuth Gateway setups sign with a key from a keystore; OAuth Server-to-Server uses none.</source>
        <translation>Nur JWT- und Legacy OAuth Gateway-Einrichtungen signieren mit einem Schlüssel aus einem Keystore; OAuth Server-to-Server verwendet keinen.</translation>
    </message>
    <message>
        <source>%1: keystore not readable</source>
        <translation>%1: Keystore nicht lesbar</translation>
    </message>
    <message>
        <source>%1: no expiry date</source>
        <translation>%1: kein Ablaufdatum</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 abgelaufen am %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation>
            <numerusform>%1 läuft am %2 ab (in %n Tag)</numerusform>
            <numerusform>%1 läuft am %2 ab (in %n Tagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 valid until %2</source>
        <translation>%1 gültig bis %2</translation>
    </message>
    <message>
        <source>No keystore with a key was found.</source>
        <translation>Kein Keystore mit einem Schlüssel gefunden.</translation>
    </message>
    <message>
        <source>The key signs the JWT (or the gateway login) and must be valid; the lasting fix is the upgrade to OAuth Server-to-Server, which needs no key (bpsetup apply, the wizard&apos;s Upgrade).</source>
        <translation>Der Schlüssel signiert das JWT (bzw. die Gateway-Anmeldung) und muss gültig sein; die dauerhafte Abhilfe ist die Umstellung auf OAuth Server-to-Server, die keinen Schlüssel benötigt (bpsetup apply, im Assistenten: „Auf OAuth Server-to-Server umstellen“).</translation>
    </message>
    <message>
        <source>the user %1 could not be looked up (%2)</source>
        <translation>der Benutzer %1 konnte nicht ermittelt werden (%2)</translation>
    </message>
    <message>
        <source>Delete them after checking their queues are empty (Adobe&apos;s upgrade order; bpsetup apply does it with a backup): they hold an old key and can take publishing jobs.</source>
        <translation>Löschen Sie sie, nachdem Sie geprüft haben, dass ihre Warteschlangen leer sind (Adobes Reihenfolge bei der Umstellung; bpsetup apply erledigt das mit Sicherung): Sie enthalten einen alten Schlüssel und können Veröffentlichungsaufträge übernehmen.</translation>
    </message>
    <message>
        <source>The Felix console&apos;s Configuration Admin is %1.</source>
        <translation>Configuration Admin der Felix-Konsole ist %1.</translation>
    </message>
    <message>
        <source>Configuration Admin was not read.</source>
        <translation>Configuration Admin wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>Configuration Admin could not be read at %1 (%2), so the IMS configurations were read from %3 only. The cross-check needs a user who may open the Felix console.</source>
        <translation>Configuration Admin konnte unter %1 nicht gelesen werden (%2), daher wurden die IMS-Konfigurationen nur aus %3 gelesen. Der Abgleich erfordert einen Benutzer, der die Felix-Konsole öffnen darf.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1 is %2 in the file, %3 in use</source>
        <translation>%1 ist in der Datei %2, in Verwendung %3</translation>
    </message>
    <message>
        <source>%1 (client %2, named by the cloud configuration: AEM uses it although the repository does not hold it)</source>
        <translation>%1 (Client %2, von der Cloud-Konfiguration genannt: AEM verwendet sie, obwohl das Repository sie nicht enthält)</translation>
    </message>
    <message>
        <source>%1 (client %2)</source>
        <translation>%1 (Client %2)</translation>
    </message>
    <message>
        <source>The IMS configuration the cloud configuration names is in the repository but not in Configuration Admin, so AEM does not use it: %1. Configuration Admin: %2.</source>
        <translation>Die IMS-Konfiguration, die die Cloud-Konfiguration nennt, ist im Repository, aber nicht in Configuration Admin, daher verwendet AEM sie nicht: %1. Configuration Admin: %2.</translation>
    </message>
    <message>
        <source>Look for the file in /system/console/osgi-installer (Sling&apos;s installer skips files it cannot read or name), fix or remove it, or recreate the configuration with bpsetup apply; then diagnose again.</source>
        <translation>Suchen Sie die Datei unter /system/console/osgi-installer (der Installer von Sling überspringt Dateien, die er nicht lesen oder benennen kann), korrigieren oder entfernen Sie sie, oder erstellen Sie die Konfiguration mit bpsetup apply neu; führen Sie die Diagnose dann erneut aus.</translation>
    </message>
    <message>
        <source>in the repository but not in use: %1</source>
        <translation>im Repository, aber nicht in Verwendung: %1</translation>
    </message>
    <message>
        <source>the file and the configuration in use differ: %1</source>
        <translation>Datei und verwendete Konfiguration weichen voneinander ab: %1</translation>
    </message>
    <message>
        <source>only in Configuration Admin, not under %1, so detection, content packages and bpsetup backups do not see it: %2</source>
        <translation>nur in Configuration Admin, nicht unter %1, daher sehen Erkennung, Inhaltspakete und bpsetup-Sicherungen sie nicht: %2</translation>
    </message>
    <message>
        <source>Brand Portal IMS configurations %1. Configuration Admin: %2.</source>
        <translation>Brand Portal-IMS-Konfigurationen: %1. Configuration Admin: %2.</translation>
    </message>
    <message>
        <source>Keep exactly one Brand Portal IMS configuration, saved in the repository: save it again in Tools › Security › Adobe IMS Configurations (AEM writes it under %1) or recreate it with bpsetup apply, and delete the others in /system/console/configMgr.</source>
        <translation>Behalten Sie genau eine Brand Portal-IMS-Konfiguration, im Repository gespeichert: Speichern Sie sie unter Tools › Security › Adobe IMS Configurations erneut (AEM schreibt sie unter %1), oder erstellen Sie sie mit bpsetup apply neu, und löschen Sie die anderen unter /system/console/configMgr.</translation>
    </message>
    <message>
        <source>Neither %1 nor Configuration Admin (%2) holds a Brand Portal IMS configuration.</source>
        <translation>Weder %1 noch Configuration Admin (%2) enthält eine Brand Portal-IMS-Konfiguration.</translation>
    </message>
    <message>
        <source>In use as in the repository: %1. Configuration Admin: %2.</source>
        <translation>In Verwendung wie im Repository: %1. Configuration Admin: %2.</translation>
    </message>
    <message>
        <source>Give it with --aem-version, or let the AEM user read the paths the version sources need (bpsetup detect lists them).</source>
        <translation>Geben Sie sie mit --aem-version an, oder erlauben Sie dem AEM-Benutzer, die Pfade zu lesen, die die Versionsquellen benötigen (bpsetup detect listet sie auf).</translation>
    </message>
</context>
<context>
    <name>bp::DisplayFormat</name>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>bp::Finding</name>
    <message>
        <source>%1 could not be read (%2).</source>
        <translation>%1 konnte nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <source>%1: AEM did not send JSON.</source>
        <translation>%1: AEM hat kein JSON gesendet.</translation>
    </message>
    <message>
        <source>The IMS configuration %1 could not be read.</source>
        <translation>Die IMS-Konfiguration %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.</source>
        <translation>Es gibt %1 Brand Portal-IMS-Konfigurationen; Adobe erlaubt nur eine pro Mandant.</translation>
    </message>
    <message>
        <source>%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.</source>
        <translation>Es gibt %1 Brand Portal-Cloud-Konfigurationen; behalten Sie die Zuordnung eine Author-Instanz ↔ ein Mandant bei.</translation>
    </message>
    <message>
        <source>The cloud configuration %1 refers to the IMS configuration &quot;%2&quot;, which does not exist.</source>
        <translation>Die Cloud-Konfiguration %1 verweist auf die IMS-Konfiguration „%2“, die nicht existiert.</translation>
    </message>
    <message>
        <source>The IMS configuration %1 has neither OAuth nor JWT settings.</source>
        <translation>Die IMS-Konfiguration %1 hat weder OAuth- noch JWT-Einstellungen.</translation>
    </message>
    <message>
        <source>No Brand Portal replication agents were found under %1 (4 are expected per tenant); they are created when the cloud configuration is saved.</source>
        <translation>Unter %1 wurden keine Brand Portal-Replikationsagenten gefunden (pro Mandant werden 4 erwartet); sie werden beim Speichern der Cloud-Konfiguration erstellt.</translation>
    </message>
    <message>
        <source>The replication agent %1 is disabled; queued assets can fail.</source>
        <translation>Der Replikationsagent %1 ist deaktiviert; Assets in der Warteschlange können fehlschlagen.</translation>
    </message>
    <message>
        <source>A Brand Portal IMS configuration exists but no Brand Portal cloud configuration uses it.</source>
        <translation>Es gibt eine Brand Portal-IMS-Konfiguration, aber keine Brand Portal-Cloud-Konfiguration verwendet sie.</translation>
    </message>
    <message>
        <source>Connect as an administrator; a dispatcher in front of AEM may block the path.</source>
        <translation>Verbinden Sie sich als Administrator; ein Dispatcher vor AEM blockiert möglicherweise den Pfad.</translation>
    </message>
    <message>
        <source>Keep the IMS configuration the Brand Portal cloud configuration uses and delete the others.</source>
        <translation>Behalten Sie die IMS-Konfiguration, die die Brand Portal-Cloud-Konfiguration verwendet, und löschen Sie die anderen.</translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per author.</source>
        <translation>Behalten Sie eine Brand Portal-Cloud-Konfiguration pro Author-Instanz.</translation>
    </message>
    <message>
        <source>Delete the inconsistent configuration and create it again (the upgrade path does this with a backup).</source>
        <translation>Löschen Sie die inkonsistente Konfiguration, und erstellen Sie sie neu (der Umstellungsweg erledigt das mit Sicherung).</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, make a small edit and save it again; AEM then creates the agents.</source>
        <translation>Öffnen Sie die Brand Portal-Cloud-Konfiguration, nehmen Sie eine kleine Änderung vor, und speichern Sie sie erneut; AEM erstellt dann die Agenten.</translation>
    </message>
    <message>
        <source>Enable the agent: Adobe advises never to disable Brand Portal agents.</source>
        <translation>Aktivieren Sie den Agenten: Adobe rät, Brand Portal-Agenten niemals zu deaktivieren.</translation>
    </message>
    <message>
        <source>The IMS configuration &quot;%2&quot; that %1 uses is not readable on Cloud Service (activation keeps it outside /apps).</source>
        <translation>Die IMS-Konfiguration „%2“, die %1 verwendet, ist auf Cloud Service nicht lesbar (die Aktivierung legt sie außerhalb von /apps ab).</translation>
    </message>
    <message>
        <source>The Brand Portal distribution agent %1 does not exist.</source>
        <translation>Der Brand Portal-Verteilungsagent %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Activate Brand Portal for the environment in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then run bpsetup verify.</source>
        <translation>Aktivieren Sie Brand Portal für die Umgebung in Cloud Manager (über Ihren Adobe-Ansprechpartner, solange sich Brand Portal im Wartungsmodus befindet), und führen Sie dann bpsetup verify aus.</translation>
    </message>
</context>
<context>
    <name>bp::FleetTask</name>
    <message>
        <source>No result within %1 s.</source>
        <translation>Kein Ergebnis innerhalb von %1 s.</translation>
    </message>
    <message>
        <source>Check that the instance answers, or give it more time with --instance-timeout.</source>
        <translation>Prüfen Sie, ob die Instanz antwortet, oder geben Sie ihr mit --instance-timeout mehr Zeit.</translation>
    </message>
    <message>
        <source>No other instance of this run is configured with tenant %1.</source>
        <translation>Keine andere Instanz dieses Laufs ist mit dem Mandanten %1 konfiguriert.</translation>
    </message>
    <message>
        <source>Tenant %1 is also configured on %2.</source>
        <translation>Der Mandant %1 ist auch auf %2 konfiguriert.</translation>
    </message>
    <message>
        <source>Keep one author per Brand Portal tenant (for example a separate tenant for stage): assets contributed in Brand Portal reach only the author that polls first.</source>
        <translation>Behalten Sie eine Author-Instanz pro Brand Portal-Mandant (zum Beispiel einen separaten Mandanten für Stage): In Brand Portal beigesteuerte Assets erreichen nur die Author-Instanz, die zuerst abfragt.</translation>
    </message>
</context>
<context>
    <name>bp::HttpClient</name>
    <message>
        <source>Refused to send %1 %2: this operation is read-only.</source>
        <translation>Senden von %1 %2 verweigert: Dieser Vorgang ist nur lesend.</translation>
    </message>
    <message>
        <source>Nothing was sent. This is a defect in bpsetup: please report it with the command you ran.</source>
        <translation>Es wurde nichts gesendet. Dies ist ein Fehler in bpsetup: Bitte melden Sie ihn zusammen mit dem ausgeführten Befehl.</translation>
    </message>
</context>
<context>
    <name>bp::HttpJob</name>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
    <message>
        <source>Check that Adobe IMS can be reached from this machine (firewall, proxy).</source>
        <translation>Prüfen Sie, ob Adobe IMS von diesem Rechner aus erreichbar ist (Firewall, Proxy).</translation>
    </message>
    <message>
        <source>Check that the address and port are right and that no firewall or proxy holds the connection.</source>
        <translation>Prüfen Sie, ob Adresse und Port stimmen und ob weder eine Firewall noch ein Proxy die Verbindung aufhält.</translation>
    </message>
    <message>
        <source>%1 did not send a complete answer within %2.</source>
        <translation>%1 hat innerhalb von %2 keine vollständige Antwort gesendet.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2.</source>
        <translation>%1 hat nicht innerhalb von %2 geantwortet.</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>AEM</source>
        <translation>AEM</translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MiB for %3; that is not what %4 sends here.</source>
        <translation>%1 hat für %3 eine Antwort größer als %2 MiB gesendet; so etwas sendet %4 hier nicht.</translation>
    </message>
    <message>
        <source>%1 sent a response header block larger than %2 KiB for %3 (or one that cannot be read); that is not what %4 sends.</source>
        <translation>%1 hat für %3 einen Antwort-Header-Block größer als %2 KiB gesendet (oder einen unlesbaren); so etwas sendet %4 nicht.</translation>
    </message>
    <message>
        <source>%1 sent a compressed answer for %2 that expands beyond %3 MiB (or is damaged); that is not what %4 sends.</source>
        <translation>%1 hat für %2 eine komprimierte Antwort gesendet, die entpackt mehr als %3 MiB ergibt (oder beschädigt ist); so etwas sendet %4 nicht.</translation>
    </message>
    <message>
        <source>Check that the address points at an AEM author instance.</source>
        <translation>Prüfen Sie, ob die Adresse auf eine AEM-Author-Instanz zeigt.</translation>
    </message>
    <message>
        <source>Check the address.</source>
        <translation>Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted earlier for %1 (trusted SHA-256 %2). It may have been renewed, or someone may be intercepting the connection: check with your administrator before trusting the new one.</source>
        <translation>Das Zertifikat des Servers ist nicht das, dem für %1 zuvor vertraut wurde (vertrauenswürdiges SHA-256 %2). Es wurde möglicherweise erneuert, oder jemand fängt die Verbindung ab: Klären Sie das mit Ihrem Administrator, bevor Sie dem neuen vertrauen.</translation>
    </message>
    <message>
        <source>The connection to %1 through the proxy %2 was refused.</source>
        <translation>Die Verbindung zu %1 über den Proxy %2 wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Check the proxy address, or clear it to use the system proxy.</source>
        <translation>Prüfen Sie die Proxy-Adresse, oder leeren Sie sie, um den System-Proxy zu verwenden.</translation>
    </message>
    <message>
        <source>Nothing accepted the connection at %1.</source>
        <translation>Unter %1 hat kein Dienst die Verbindung angenommen.</translation>
    </message>
    <message>
        <source>Check that AEM is running and that the port is right (an AEM author usually listens on 4502 or, behind a load balancer, 443).</source>
        <translation>Prüfen Sie, ob AEM läuft und der Port stimmt (eine AEM-Author-Instanz lauscht meist auf 4502 oder, hinter einem Load Balancer, auf 443).</translation>
    </message>
    <message>
        <source>Check the Adobe IMS address (normally https://ims-na1.adobelogin.com) and that this machine may connect to it.</source>
        <translation>Prüfen Sie die Adresse von Adobe IMS (normalerweise https://ims-na1.adobelogin.com) und ob dieser Rechner eine Verbindung dorthin herstellen darf.</translation>
    </message>
    <message>
        <source>Check the address and port.</source>
        <translation>Prüfen Sie Adresse und Port.</translation>
    </message>
    <message>
        <source>The host name %1 could not be found.</source>
        <translation>Der Hostname %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Check the spelling and your DNS or VPN.</source>
        <translation>Prüfen Sie die Schreibweise sowie Ihr DNS oder VPN.</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering.</source>
        <translation>%1 hat die Verbindung ohne Antwort geschlossen.</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, change the address to https://.</source>
        <translation>Wenn der Server HTTPS verwendet, ändern Sie die Adresse in https://.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2).</source>
        <translation>Das Zertifikat von %1 ist nicht vertrauenswürdig (%2).</translation>
    </message>
    <message>
        <source>Trust it only if its SHA-256 fingerprint matches what your administrator gave you, or add the issuing CA with the CA file option.</source>
        <translation>Vertrauen Sie ihm nur, wenn sein SHA-256-Fingerabdruck mit dem übereinstimmt, den Ihnen Ihr Administrator gegeben hat, oder fügen Sie die ausstellende CA mit der Option für die CA-Datei hinzu.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2).</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>If this port serves plain HTTP, change the address to http://.</source>
        <translation>Wenn dieser Port einfaches HTTP bereitstellt, ändern Sie die Adresse in http://.</translation>
    </message>
    <message>
        <source>The proxy could not be used (%1).</source>
        <translation>Der Proxy konnte nicht verwendet werden (%1).</translation>
    </message>
    <message>
        <source>The proxy asks for a login (HTTP 407).</source>
        <translation>Der Proxy verlangt eine Anmeldung (HTTP 407).</translation>
    </message>
    <message>
        <source>Put the proxy user and password in the proxy address (http://user:password@proxy:port).</source>
        <translation>Geben Sie Benutzer und Passwort des Proxys in der Proxy-Adresse an (http://user:password@proxy:port).</translation>
    </message>
    <message>
        <source>%1 stopped sending data.</source>
        <translation>%1 sendet keine Daten mehr.</translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation>Prüfen Sie das Netzwerk, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Talking to %1 failed: %2.</source>
        <translation>Die Kommunikation mit %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, use https://.</source>
        <translation>Wenn der Server HTTPS verwendet, verwenden Sie https://.</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers.</source>
        <translation>Öffnen Sie %1 in einem Browser auf diesem Rechner, um zu sehen, was antwortet.</translation>
    </message>
    <message>
        <source>%1 sent answers larger than %2 MiB together while %3 was read; that is not what %4 sends.</source>
        <translation>%1 hat beim Lesen von %3 Antworten von zusammen mehr als %2 MiB gesendet; so etwas sendet %4 nicht.</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>A proxy that inspects TLS is probably answering for Adobe IMS: trust its certificate only if your network team confirms its SHA-256 fingerprint, or add the proxy&apos;s CA with the CA file option.</source>
        <translation>Vermutlich antwortet anstelle von Adobe IMS ein Proxy, der TLS-Verbindungen untersucht: Vertrauen Sie seinem Zertifikat nur, wenn Ihr Netzwerkteam seinen SHA-256-Fingerabdruck bestätigt, oder fügen Sie die CA des Proxys mit der Option für die CA-Datei hinzu.</translation>
    </message>
</context>
<context>
    <name>bp::ImsValidator</name>
    <message>
        <source>&quot;%1&quot; is not an IMS address; use e.g. https://ims-na1.adobelogin.com.</source>
        <translation>„%1“ ist keine IMS-Adresse; verwenden Sie z. B. https://ims-na1.adobelogin.com.</translation>
    </message>
    <message>
        <source>Adobe IMS must be reached over https://; plain http:// is accepted only for a simulator on this machine (127.0.0.1 or localhost).</source>
        <translation>Adobe IMS muss über https:// erreicht werden; einfaches http:// wird nur für einen Simulator auf diesem Rechner akzeptiert (127.0.0.1 oder localhost).</translation>
    </message>
    <message>
        <source>Give the IMS address without a query, fragment or login.</source>
        <translation>Geben Sie die IMS-Adresse ohne Abfrage, Fragment oder Benutzerangaben an.</translation>
    </message>
    <message>
        <source>No Adobe IMS address was given.</source>
        <translation>Es wurde keine Adresse für Adobe IMS angegeben.</translation>
    </message>
    <message>
        <source>A JWT credential is validated by signing a JWT with its private key, and none was given.</source>
        <translation>JWT-Anmeldedaten werden validiert, indem ein JWT mit ihrem privaten Schlüssel signiert wird, und es wurde keiner angegeben.</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>Wenn AEM das Schlüsselpaar generiert hat (Sie haben das öffentliche Zertifikat von AEM in die Developer Console hochgeladen), existiert der Schlüssel nur in AEM: Eine direkte Validierung ist nicht möglich, und die eigene Zustandsprüfung von AEM testet ihn, nachdem die Konfiguration angewendet wurde.</translation>
    </message>
    <message>
        <source>The credential kind is unknown.</source>
        <translation>Die Art der Anmeldedaten ist unbekannt.</translation>
    </message>
    <message>
        <source>Asking Adobe IMS again (attempt %1 of %2)…</source>
        <translation>Adobe IMS wird erneut angefragt (Versuch %1 von %2)…</translation>
    </message>
    <message>
        <source>Asking Adobe IMS at %1 for a token…</source>
        <translation>Token wird bei Adobe IMS unter %1 angefragt…</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s…</source>
        <translation>%1 Neuer Versuch in %2 s…</translation>
    </message>
    <message>
        <source>Could not reach Adobe IMS (%1).</source>
        <translation>Adobe IMS nicht erreichbar (%1).</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers; allow HTTPS to it or set the proxy.</source>
        <translation>Öffnen Sie %1 in einem Browser auf diesem Rechner, um zu sehen, was antwortet; lassen Sie HTTPS dorthin zu, oder legen Sie den Proxy fest.</translation>
    </message>
    <message>
        <source>Check the IMS address (normally https://ims-na1.adobelogin.com).</source>
        <translation>Prüfen Sie die IMS-Adresse (normalerweise https://ims-na1.adobelogin.com).</translation>
    </message>
    <message>
        <source>The first client secret was not accepted; trying the second…</source>
        <translation>Das erste Client-Secret wurde nicht akzeptiert; das zweite wird versucht…</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>vor</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>Adobe IMS did not accept the client secret.</source>
        <translation>Adobe IMS hat das Client-Secret nicht akzeptiert.</translation>
    </message>
    <message>
        <source>Copy the client secret again from the JWT credential page in Developer Console (Retrieve client secret).</source>
        <translation>Kopieren Sie das Client-Secret erneut von der Seite der JWT-Anmeldedaten in der Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>Copy the client secret again from the OAuth Server-to-Server credential page in Developer Console; if it was rotated or deleted, use a current one.</source>
        <translation>Kopieren Sie das Client-Secret erneut von der Seite der OAuth Server-to-Server-Anmeldedaten in der Developer Console; wurde es rotiert oder gelöscht, verwenden Sie ein aktuelles.</translation>
    </message>
    <message>
        <source>Adobe IMS does not know this client ID.</source>
        <translation>Adobe IMS kennt diese Client-ID nicht.</translation>
    </message>
    <message>
        <source>Check the client ID (API key) on the credential page, and that the credential still exists in Developer Console (a cancelled migration deletes the OAuth credential).</source>
        <translation>Prüfen Sie die Client-ID (API-Schlüssel) auf der Seite der Anmeldedaten und ob die Anmeldedaten in der Developer Console noch existieren (eine abgebrochene Migration löscht die OAuth-Anmeldedaten).</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client: the JWT audience does not match the client ID or this IMS host.</source>
        <translation>Adobe IMS hat den Client abgelehnt: Die JWT-Audience passt nicht zur Client-ID oder zu diesem IMS-Host.</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client.</source>
        <translation>Adobe IMS hat den Client abgelehnt.</translation>
    </message>
    <message>
        <source>Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.</source>
        <translation>Prüfen Sie die Client-ID und ob die IMS-Adresse https://ims-na1.adobelogin.com lautet.</translation>
    </message>
    <message>
        <source>This credential cannot log in server-to-server (it is not an OAuth Server-to-Server credential).</source>
        <translation>Mit diesen Anmeldedaten ist keine Server-to-Server-Anmeldung möglich (es sind keine OAuth Server-to-Server-Anmeldedaten).</translation>
    </message>
    <message>
        <source>Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, or migrate the JWT credential, and use its values.</source>
        <translation>Fügen Sie dem Projekt OAuth Server-to-Server-Anmeldedaten mit der AEM Brand Portal API hinzu, oder migrieren Sie die JWT-Anmeldedaten, und verwenden Sie deren Werte.</translation>
    </message>
    <message>
        <source>The JWT metascope does not match the APIs on this credential.</source>
        <translation>Der JWT-Metascope passt nicht zu den APIs dieser Anmeldedaten.</translation>
    </message>
    <message>
        <source>The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the Assets Brand Portal product profile in Developer Console.</source>
        <translation>Die Anmeldedaten benötigen in der Developer Console die AEM Brand Portal API (Metascope ent_brand_portal_sdk) und das Produktprofil Assets Brand Portal.</translation>
    </message>
    <message>
        <source>Adobe IMS refused the requested scopes.</source>
        <translation>Adobe IMS hat die angeforderten Scopes abgelehnt.</translation>
    </message>
    <message>
        <source>Use exactly the scopes listed on the credential&apos;s Scopes tab. If they are right, the credential is missing the AEM Brand Portal API or the Assets Brand Portal product profile: add them in Developer Console.</source>
        <translation>Verwenden Sie genau die Scopes, die auf der Registerkarte Scopes der Anmeldedaten aufgeführt sind. Stimmen sie, fehlt den Anmeldedaten die AEM Brand Portal API oder das Produktprofil Assets Brand Portal: Fügen Sie beides in der Developer Console hinzu.</translation>
    </message>
    <message>
        <source>Adobe IMS says the JWT has expired.</source>
        <translation>Adobe IMS meldet, dass das JWT abgelaufen ist.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s date and time, then try again.</source>
        <translation>Prüfen Sie Datum und Uhrzeit dieses Computers, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Synchronise this computer&apos;s clock, then try again.</source>
        <translation>Synchronisieren Sie die Uhr dieses Computers, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Adobe IMS could not decode the JWT this tool built.</source>
        <translation>Adobe IMS konnte das von diesem Tool erstellte JWT nicht decodieren.</translation>
    </message>
    <message>
        <source>This is a defect in bpsetup; please report it with the debug id.</source>
        <translation>Dies ist ein Fehler in bpsetup; bitte melden Sie ihn zusammen mit der Debug-ID.</translation>
    </message>
    <message>
        <source>The JWT signature matches no certificate on this credential, or the organization ID or technical account ID is wrong.</source>
        <translation>Die JWT-Signatur passt zu keinem Zertifikat dieser Anmeldedaten, oder die Organisations-ID oder die technische Konto-ID ist falsch.</translation>
    </message>
    <message>
        <source>Use the private key whose certificate is uploaded to the credential, and check the organization and technical account IDs. JWT certificates can no longer be renewed: switch to OAuth Server-to-Server.</source>
        <translation>Verwenden Sie den privaten Schlüssel, dessen Zertifikat zu den Anmeldedaten hochgeladen ist, und prüfen Sie die Organisations-ID und die technische Konto-ID. JWT-Zertifikate können nicht mehr erneuert werden: Stellen Sie auf OAuth Server-to-Server um.</translation>
    </message>
    <message>
        <source>Adobe IMS requires a unique JWT id (jti) for this credential.</source>
        <translation>Adobe IMS verlangt für diese Anmeldedaten eine eindeutige JWT-ID (jti).</translation>
    </message>
    <message>
        <source>This credential&apos;s binding asks for jti, which bpsetup does not send; switch to OAuth Server-to-Server.</source>
        <translation>Die Bindung dieser Anmeldedaten verlangt jti, das bpsetup nicht sendet; stellen Sie auf OAuth Server-to-Server um.</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests from this client.</source>
        <translation>Adobe IMS drosselt Anfragen von diesem Client.</translation>
    </message>
    <message>
        <source>Wait a few minutes and try again.</source>
        <translation>Warten Sie einige Minuten, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Try again later. If it persists, this JWT credential may already have been converted to OAuth Server-to-Server: use that credential instead.</source>
        <translation>Versuchen Sie es später erneut. Hält das Problem an, wurden diese JWT-Anmeldedaten möglicherweise bereits auf OAuth Server-to-Server umgestellt: Verwenden Sie stattdessen jene Anmeldedaten.</translation>
    </message>
    <message>
        <source>Try again later; Adobe status: https://status.adobe.com.</source>
        <translation>Versuchen Sie es später erneut; Adobe-Status: https://status.adobe.com.</translation>
    </message>
    <message>
        <source>Check every value against the credential page in Developer Console.</source>
        <translation>Prüfen Sie jeden Wert anhand der Seite der Anmeldedaten in der Developer Console.</translation>
    </message>
    <message>
        <source>Allow connections to %1 through the firewall or proxy, or set the proxy; open it in a browser on this machine to see what answers.</source>
        <translation>Lassen Sie Verbindungen zu %1 durch die Firewall oder den Proxy zu, oder legen Sie den Proxy fest; öffnen Sie die Adresse in einem Browser auf diesem Rechner, um zu sehen, was antwortet.</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same; it needs its client secret) and use that instead.</source>
        <translation>Laden Sie die OAuth Server-to-Server-Anmeldedaten desselben Developer Console-Projekts herunter (die Client-ID ist dieselbe; Sie benötigen das zugehörige Client-Secret), und verwenden Sie stattdessen diese.</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests (%1).</source>
        <translation>Adobe IMS drosselt Anfragen (%1).</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1).</source>
        <translation>Bei Adobe IMS ist ein Serverfehler aufgetreten (%1).</translation>
    </message>
    <message>
        <source>Adobe IMS no longer exchanges this JWT credential (%1, internal_error): Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server by 2026-03-01.</source>
        <translation>Adobe IMS tauscht diese JWT-Anmeldedaten nicht mehr aus (%1, internal_error): Adobe hat bis 2026-03-01 alle Anmeldedaten vom Typ Service Account (JWT) auf OAuth Server-to-Server umgestellt.</translation>
    </message>
    <message>
        <source>Something other than Adobe IMS answered at %1 with a web page (%2): usually a proxy login, a captive portal or a firewall block page.</source>
        <translation>Unter %1 hat nicht Adobe IMS, sondern etwas anderes mit einer Webseite geantwortet (%2): meist eine Proxy-Anmeldung, ein Captive Portal oder die Sperrseite einer Firewall.</translation>
    </message>
    <message>
        <source>%1 answered %2 without JSON, which Adobe IMS always sends.</source>
        <translation>%1 hat mit %2 ohne JSON geantwortet; Adobe IMS sendet immer JSON.</translation>
    </message>
    <message>
        <source>%1 answered %2 with JSON that is neither a token nor an Adobe IMS error: it is not Adobe IMS.</source>
        <translation>%1 hat mit %2 und JSON geantwortet, das weder ein Token noch ein Adobe IMS-Fehler ist: Das ist nicht Adobe IMS.</translation>
    </message>
    <message>
        <source> This computer&apos;s clock is %1 %2 Adobe IMS: synchronise it (NTP) and try again.</source>
        <translation> Die Uhr dieses Computers geht gegenüber Adobe IMS %1 %2; synchronisieren Sie sie (NTP), und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1) and still had it after retries.</source>
        <translation>Bei Adobe IMS ist ein Serverfehler aufgetreten (%1), der auch nach Wiederholungen bestand.</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the request (%1, %2).</source>
        <translation>Adobe IMS hat die Anfrage abgelehnt (%1, %2).</translation>
    </message>
</context>
<context>
    <name>bp::InstanceClassifier</name>
    <message>
        <source>not read</source>
        <translation>nicht gelesen</translation>
    </message>
    <message>
        <source>Reading the AEM version (%1)</source>
        <translation>AEM-Version wird gelesen (%1)</translation>
    </message>
    <message>
        <source>Reading Brand Portal cloud configurations</source>
        <translation>Brand Portal-Cloud-Konfigurationen werden gelesen</translation>
    </message>
    <message>
        <source>Looking for a Legacy OAuth Gateway configuration</source>
        <translation>Legacy OAuth Gateway-Konfiguration wird gesucht</translation>
    </message>
    <message>
        <source>Looking for Brand Portal replication users</source>
        <translation>Brand Portal-Replikationsbenutzer werden gesucht</translation>
    </message>
    <message>
        <source>Reading IMS configurations</source>
        <translation>IMS-Konfigurationen werden gelesen</translation>
    </message>
    <message>
        <source>Reading replication agents</source>
        <translation>Replikationsagenten werden gelesen</translation>
    </message>
    <message>
        <source>Reading IMS configuration %1</source>
        <translation>IMS-Konfiguration %1 wird gelesen</translation>
    </message>
    <message>
        <source>AEM at %1 answered with its login page instead of data. The user name or password was not accepted, or the instance enforces single sign-on (SAML).</source>
        <translation>AEM unter %1 hat statt Daten seine Anmeldeseite geliefert. Benutzername oder Passwort wurden nicht akzeptiert, oder die Instanz erzwingt Single Sign-On (SAML).</translation>
    </message>
    <message>
        <source>Use a local AEM administrator account, or a token for AEM as a Cloud Service.</source>
        <translation>Verwenden Sie ein lokales AEM-Administratorkonto oder ein Token für AEM as a Cloud Service.</translation>
    </message>
    <message>
        <source>AEM at %1 rejected the login (HTTP 401/403).</source>
        <translation>AEM unter %1 hat die Anmeldung abgelehnt (HTTP 401/403).</translation>
    </message>
    <message>
        <source>Check the user name and password; the user must be an administrator to read the Brand Portal configuration.</source>
        <translation>Prüfen Sie Benutzername und Passwort; der Benutzer muss Administrator sein, um die Brand Portal-Konfiguration zu lesen.</translation>
    </message>
    <message>
        <source>Check that the address points at the AEM author (not publish, not a web server), or connect past the dispatcher (usually port 4502).</source>
        <translation>Prüfen Sie, ob die Adresse auf die AEM-Author-Instanz zeigt (nicht Publish, kein Webserver), oder verbinden Sie sich am Dispatcher vorbei (meist Port 4502).</translation>
    </message>
    <message>
        <source>The server expects HTTPS: change the address to https://.</source>
        <translation>Der Server erwartet HTTPS: Ändern Sie die Adresse in https://.</translation>
    </message>
    <message>
        <source>Looking for a Brand Portal distribution agent (AEM as a Cloud Service only)</source>
        <translation>Brand Portal-Verteilungsagent wird gesucht (nur AEM as a Cloud Service)</translation>
    </message>
    <message>
        <source>The server at %1 answered (%2) but not like an AEM author: none of the AEM addresses it was asked for exist.</source>
        <translation>Der Server unter %1 hat geantwortet (%2), aber nicht wie eine AEM-Author-Instanz: Keine der angefragten AEM-Adressen existiert.</translation>
    </message>
</context>
<context>
    <name>bp::KeyMaterial</name>
    <message>
        <source>%1 is a JSON file, not a private key: the credential file goes elsewhere (the private key is private.key, made together with the certificate).</source>
        <translation>%1 ist eine JSON-Datei, kein privater Schlüssel: Die Anmeldedatendatei gehört an eine andere Stelle (der private Schlüssel ist private.key, zusammen mit dem Zertifikat erstellt).</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>Der Schlüssel</translation>
    </message>
    <message>
        <source>The private key does not belong to the certificate %1 (SHA-256 %2). Use the key that was generated together with the uploaded certificate.</source>
        <translation>Der private Schlüssel gehört nicht zum Zertifikat %1 (SHA-256 %2). Verwenden Sie den Schlüssel, der zusammen mit dem hochgeladenen Zertifikat generiert wurde.</translation>
    </message>
</context>
<context>
    <name>bp::KeyPairFiles</name>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 existiert bereits.</translation>
    </message>
    <message>
        <source>Choose another folder or file name, or replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>Wählen Sie einen anderen Ordner oder Dateinamen, oder ersetzen Sie die Datei (ein bereits verwendeter Schlüssel funktioniert nicht mehr, sobald sein Zertifikat aus der Developer Console entfernt wird).</translation>
    </message>
    <message>
        <source>Could not replace %1.</source>
        <translation>%1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2. The private key was removed again, so nothing was saved.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Der private Schlüssel wurde wieder entfernt, es wurde also nichts gespeichert.</translation>
    </message>
</context>
<context>
    <name>bp::ManualVersion</name>
    <message>
        <source>&quot;%1&quot; is not a version to choose by hand. Give &quot;cloud&quot; for AEM as a Cloud Service, the exact AEM 6.5 version with its service pack (for example 6.5.21.0), or the AEM 6.5 LTS version (for example 6.6.1).</source>
        <translation>„%1“ ist keine Version, die manuell gewählt werden kann. Geben Sie „cloud“ für AEM as a Cloud Service an, die genaue AEM 6.5-Version mit ihrem Service Pack (zum Beispiel 6.5.21.0) oder die AEM 6.5 LTS-Version (zum Beispiel 6.6.1).</translation>
    </message>
</context>
<context>
    <name>bp::ProfileManager</name>
    <message>
        <source>There is no profile named &quot;%1&quot; (no profiles are saved yet; see bpsetup profile save --help).</source>
        <translation>Es gibt kein Profil namens „%1“ (es sind noch keine Profile gespeichert; siehe bpsetup profile save --help).</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;. Saved profiles: %2.</source>
        <translation>Es gibt kein Profil namens „%1“. Gespeicherte Profile: %2.</translation>
    </message>
    <message>
        <source>The profiles file cannot be written.</source>
        <translation>Die Profildatei kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>Es gibt kein Profil namens „%1“.</translation>
    </message>
</context>
<context>
    <name>bp::RollbackRun</name>
    <message>
        <source>Not everything could be restored: %1</source>
        <translation>Nicht alles konnte wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>Fix the cause and run the rollback again (it is safe to repeat), or restore these objects by hand from the backup folder.</source>
        <translation>Beheben Sie die Ursache, und führen Sie das Zurücksetzen erneut aus (es kann gefahrlos wiederholt werden), oder stellen Sie diese Objekte manuell aus dem Sicherungsordner wieder her.</translation>
    </message>
</context>
<context>
    <name>bp::SavedSetup</name>
    <message>
        <source>AEM password</source>
        <translation>AEM-Passwort</translation>
    </message>
    <message>
        <source>AEM token</source>
        <translation>AEM-Token</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <source>second client secret</source>
        <translation>zweites Client-Secret</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>privater Schlüssel</translation>
    </message>
    <message>
        <source>key passphrase</source>
        <translation>Schlüssel-Passphrase</translation>
    </message>
</context>
<context>
    <name>bp::Task</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>bp::TrustedCertificates</name>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation>„%1“ ist kein SHA-256-Fingerabdruck (64 Hexadezimalziffern, Doppelpunkte erlaubt).</translation>
    </message>
    <message>
        <source>%1 is a plain http:// address: there is no certificate to trust.</source>
        <translation>%1 ist eine einfache http://-Adresse: Es gibt kein Zertifikat, dem vertraut werden könnte.</translation>
    </message>
    <message>
        <source>Use the https:// address of the server, or leave the fingerprint out.</source>
        <translation>Verwenden Sie die https://-Adresse des Servers, oder lassen Sie den Fingerabdruck weg.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name with an optional port (HOST[:PORT]=SHA256).</source>
        <translation>„%1“ ist kein Hostname mit optionalem Port (HOST[:PORT]=SHA256).</translation>
    </message>
    <message>
        <source>Give it as the failed run printed it, e.g. ims-na1.adobelogin.com:443=ab:cd:…</source>
        <translation>Geben Sie den Wert so an, wie ihn der fehlgeschlagene Lauf ausgegeben hat, z. B. ims-na1.adobelogin.com:443=ab:cd:…</translation>
    </message>
</context>
<context>
    <name>bp::VerifyTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>auf Cloud Service nicht lesbar</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (the checklist above), wait until it shows &apos;Activated&apos;, then run bpsetup verify again.</source>
        <translation>Aktivieren Sie Brand Portal in Cloud Manager (siehe Checkliste oben), warten Sie, bis „Activated“ angezeigt wird, und führen Sie dann bpsetup verify erneut aus.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped because %1 failed.</source>
        <translation>Übersprungen, weil %1 fehlgeschlagen ist.</translation>
    </message>
    <message>
        <source>IMS configuration (OAuth Server-to-Server)</source>
        <translation>IMS-Konfiguration (OAuth Server-to-Server)</translation>
    </message>
    <message>
        <source>Only a Legacy OAuth Gateway configuration was found (%1); there is no IMS configuration in %2.</source>
        <translation>Es wurde nur eine Legacy OAuth Gateway-Konfiguration gefunden (%1); in %2 gibt es keine IMS-Konfiguration.</translation>
    </message>
    <message>
        <source>Create the OAuth Server-to-Server configuration: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Erstellen Sie die OAuth Server-to-Server-Konfiguration: bpsetup plan, dann bpsetup apply, mit OAuth Server-to-Server-Anmeldedaten aus der Adobe Developer Console.</translation>
    </message>
    <message>
        <source>No configuration: no Brand Portal IMS configuration in %1 and no Brand Portal cloud configuration under %2.</source>
        <translation>Keine Konfiguration: keine Brand Portal-IMS-Konfiguration in %1 und keine Brand Portal-Cloud-Konfiguration unter %2.</translation>
    </message>
    <message>
        <source>Create the configuration with bpsetup apply (bpsetup plan shows what it writes first), using an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Erstellen Sie die Konfiguration mit bpsetup apply (bpsetup plan zeigt vorher, was geschrieben wird), mit OAuth Server-to-Server-Anmeldedaten aus der Adobe Developer Console.</translation>
    </message>
    <message>
        <source>%1 names %2</source>
        <translation>%1 nennt %2</translation>
    </message>
    <message>
        <source>no IMS configuration</source>
        <translation>keine IMS-Konfiguration</translation>
    </message>
    <message>
        <source>No Brand Portal IMS configuration in %1 (%2).</source>
        <translation>Keine Brand Portal-IMS-Konfiguration in %1 (%2).</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it creates the IMS configuration and points the cloud configuration at it.</source>
        <translation>Führen Sie bpsetup apply mit den OAuth Server-to-Server-Anmeldedaten aus: Es erstellt die IMS-Konfiguration und lässt die Cloud-Konfiguration darauf verweisen.</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode, not OAuth: JWT credentials reached end of life.</source>
        <translation>%1 (%2) ist im JWT-Modus (Service Account), nicht im OAuth-Modus: JWT-Anmeldedaten haben das Ende ihres Lebenszyklus erreicht.</translation>
    </message>
    <message>
        <source>Upgrade it to OAuth Server-to-Server: in Adobe Developer Console, download the OAuth Server-to-Server credential of the same project (Adobe&apos;s conversion keeps the client id), then run bpsetup plan and bpsetup apply --credentials FILE; they switch this IMS configuration to OAuth in place (6.5.21.0+, 6.5 LTS, or 6.5.11.0-6.5.20.0 with --hotfix-package).</source>
        <translation>Stellen Sie sie auf OAuth Server-to-Server um: Laden Sie in der Adobe Developer Console die OAuth Server-to-Server-Anmeldedaten desselben Projekts herunter (Adobes Umstellung behält die Client-ID bei), und führen Sie dann bpsetup plan und bpsetup apply --credentials DATEI aus; diese stellen die IMS-Konfiguration direkt auf OAuth um (6.5.21.0+, 6.5 LTS oder 6.5.11.0–6.5.20.0 mit --hotfix-package).</translation>
    </message>
    <message>
        <source>%1 (%2) is neither in OAuth nor in JWT mode (grants or token URL missing).</source>
        <translation>%1 (%2) ist weder im OAuth- noch im JWT-Modus (Grants oder Token-URL fehlen).</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it writes the full OAuth property set.</source>
        <translation>Führen Sie bpsetup apply mit den OAuth Server-to-Server-Anmeldedaten aus: Es schreibt den vollständigen Satz an OAuth-Eigenschaften.</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode (client_credentials, %3).</source>
        <translation>%1 (%2): OAuth-Modus (client_credentials, %3).</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Brand Portal-Cloud-Konfiguration</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration under %1.</source>
        <translation>Keine Brand Portal-Cloud-Konfiguration unter %1.</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it creates the cloud configuration pointing at the IMS configuration.</source>
        <translation>Führen Sie bpsetup apply aus: Es erstellt die Cloud-Konfiguration, die auf die IMS-Konfiguration verweist.</translation>
    </message>
    <message>
        <source>%1 names the IMS configuration %2, which does not exist in %3.</source>
        <translation>%1 nennt die IMS-Konfiguration %2, die in %3 nicht existiert.</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it points the cloud configuration at the IMS configuration.</source>
        <translation>Führen Sie bpsetup apply aus: Es lässt die Cloud-Konfiguration auf die IMS-Konfiguration verweisen.</translation>
    </message>
    <message>
        <source>%1: tenant %2, IMS configuration %3.</source>
        <translation>%1: Mandant %2, IMS-Konfiguration %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n cloud configurations exist.</source>
        <translation>
            <numerusform>Es gibt %n Cloud-Konfiguration.</numerusform>
            <numerusform>Es gibt %n Cloud-Konfigurationen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per tenant.</source>
        <translation>Behalten Sie eine Brand Portal-Cloud-Konfiguration pro Mandant.</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>IMS-Konfiguration</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode.</source>
        <translation>%1 (%2): OAuth-Modus.</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode.</source>
        <translation>%1 (%2) ist im JWT-Modus (Service Account).</translation>
    </message>
    <message>
        <source>Deactivate and activate Brand Portal again in Cloud Manager, or ask your Adobe representative; Cloud Service configurations made by activation use OAuth.</source>
        <translation>Deaktivieren und aktivieren Sie Brand Portal in Cloud Manager erneut, oder wenden Sie sich an Ihren Adobe-Ansprechpartner; durch die Aktivierung erstellte Cloud Service-Konfigurationen verwenden OAuth.</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>Durch die Aktivierung erstellte IMS-Konfigurationen sind %1.</translation>
    </message>
    <message>
        <source>%1 names %2; IMS configurations made by activation are %3.</source>
        <translation>%1 nennt %2; durch die Aktivierung erstellte IMS-Konfigurationen sind %3.</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal cloud configuration under %1.</source>
        <translation>Nicht aktiviert: keine Brand Portal-Cloud-Konfiguration unter %1.</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>Replikationsagenten (Test Connection)</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>Replikationswarteschlangen</translation>
    </message>
    <message>
        <source>Testing the Brand Portal replication agents</source>
        <translation>Brand Portal-Replikationsagenten werden getestet</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Replication › Agents on author and check the Brand Portal agents.</source>
        <translation>Öffnen Sie Tools › Deployment › Replication › Agents on author, und prüfen Sie die Brand Portal-Agenten.</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (in %2)</translation>
    </message>
    <message>
        <source>Oldest item waits for %1.</source>
        <translation>Das älteste Element wartet seit %1.</translation>
    </message>
    <message numerus="yes">
        <source>Test Connection succeeded for %n agent(s) in %1: %2.</source>
        <translation>
            <numerusform>Test Connection für %n Agenten in %1 erfolgreich: %2.</numerusform>
            <numerusform>Test Connection für %n Agenten in %1 erfolgreich: %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>Deaktiviert: %1.</translation>
    </message>
    <message>
        <source>Enable every Brand Portal agent: they share the publishing jobs, and queued assets can fail on a disabled one.</source>
        <translation>Aktivieren Sie jeden Brand Portal-Agenten: Sie teilen sich die Veröffentlichungsaufträge, und Assets in der Warteschlange eines deaktivierten Agenten können fehlschlagen.</translation>
    </message>
    <message>
        <source>Distribution agent %1</source>
        <translation>Verteilungsagent %1</translation>
    </message>
    <message>
        <source>Distribution queues</source>
        <translation>Verteilungswarteschlangen</translation>
    </message>
    <message>
        <source>Distribution Test Connection</source>
        <translation>Test Connection der Verteilung</translation>
    </message>
    <message>
        <source>Reading the Brand Portal distribution agent</source>
        <translation>Brand Portal-Verteilungsagent wird gelesen</translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation>GET %1: %2</translation>
    </message>
    <message>
        <source>%1: state %2.</source>
        <translation>%1: Status %2.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › Publish to Brand Portal › %1 and resume it; do not disable the agent.</source>
        <translation>Öffnen Sie Tools › Deployment › Distribution › Publish to Brand Portal › %1, und setzen Sie den Agenten fort; deaktivieren Sie ihn nicht.</translation>
    </message>
    <message>
        <source>Skipped: the distribution agent is %1.</source>
        <translation>Übersprungen: Der Verteilungsagent ist %1.</translation>
    </message>
    <message>
        <source>Testing the Brand Portal distribution agent</source>
        <translation>Brand Portal-Verteilungsagent wird getestet</translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation>%1: leer</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n Element</numerusform>
            <numerusform>%1: %n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>(oldest %1, %2%3)</source>
        <translation>(ältestes %1, %2%3)</translation>
    </message>
    <message>
        <source>no path</source>
        <translation>kein Pfad</translation>
    </message>
    <message>
        <source>, waiting for %1</source>
        <translation>, wartet seit %1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1 › Status, read the error of the oldest item (and the Logs tab), fix the cause, then retry or clear the error queue; do not disable the agent.</source>
        <translation>Öffnen Sie Tools › Deployment › Distribution › %1 › Status, lesen Sie den Fehler des ältesten Elements (und die Registerkarte Logs), beheben Sie die Ursache, und wiederholen Sie dann das Element oder leeren Sie die Fehlerwarteschlange; deaktivieren Sie den Agenten nicht.</translation>
    </message>
    <message>
        <source>POST %1 was refused: %2.</source>
        <translation>POST %1 wurde abgelehnt: %2.</translation>
    </message>
    <message>
        <source>POST %1: %2</source>
        <translation>POST %1: %2</translation>
    </message>
    <message>
        <source>(no state)</source>
        <translation>(kein Status)</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1, run Test Connection and read the Logs tab (the test is DSTRQ1); if the package is not delivered, ask Adobe support or your Adobe representative to check the Brand Portal activation.</source>
        <translation>Öffnen Sie Tools › Deployment › Distribution › %1, führen Sie Test Connection aus, und lesen Sie die Registerkarte Logs (der Test ist DSTRQ1); wird das Paket nicht zugestellt, bitten Sie den Adobe-Support oder Ihren Adobe-Ansprechpartner, die Brand Portal-Aktivierung zu prüfen.</translation>
    </message>
    <message>
        <source>Test Connection was not run: it sends a test package through the agent, so it runs only when asked (--run-tests).</source>
        <translation>Test Connection wurde nicht ausgeführt: Der Test sendet ein Testpaket über den Agenten und läuft daher nur auf Anforderung (--run-tests).</translation>
    </message>
    <message>
        <source>Not activated: the distribution agent %1 does not exist (%2).</source>
        <translation>Nicht aktiviert: Der Verteilungsagent %1 existiert nicht (%2).</translation>
    </message>
    <message>
        <source>GET %1 answered %2: %3.</source>
        <translation>GET %1 hat mit %2 geantwortet: %3.</translation>
    </message>
    <message>
        <source>GET %1 answered %2 without queues: %3.</source>
        <translation>GET %1 hat mit %2 ohne Warteschlangen geantwortet: %3.</translation>
    </message>
    <message>
        <source>POST %1 (action=TEST): %2, state %3%4.</source>
        <translation>POST %1 (action=TEST): %2, Status %3%4.</translation>
    </message>
    <message>
        <source>POST %1 answered %2: %3.</source>
        <translation>POST %1 hat mit %2 geantwortet: %3.</translation>
    </message>
</context>
<context>
    <name>bp::cli::Cli</name>
    <message>
        <source>No command given.</source>
        <translation>Kein Befehl angegeben.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Run bpsetup --help for the commands: detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</source>
        <translation>Führen Sie bpsetup --help aus, um die Befehle zu sehen: detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</translation>
    </message>
    <message>
        <source>Usage: bpsetup [--demo] | bpsetup COMMAND [options]

Connects Adobe Experience Manager Assets to Adobe Brand Portal and diagnoses existing connections.
Without a command the setup wizard opens; --demo opens it against the built-in simulator.

Commands:
  detect     Read AEM&apos;s version and Brand Portal configuration and choose the setup route
  validate   Check Developer Console credentials against Adobe IMS
  keygen     Generate an RSA 2048 key pair and certificate for Developer Console
  profile    List, show, save, rename or delete connection profiles (secrets in the keychain)
  simulate   Serve a simulated AEM author and Adobe IMS on 127.0.0.1
  plan       Show what creating the Brand Portal configuration would change (read-only)
  apply      Create or upgrade the configuration: plan, backup, apply, verify, test
  verify     Check the configured chain end to end (6.5 and Cloud Service; only agent tests are sent)
  diagnose   Read-only health checks with remedies, for support (diagnose --list-checks)
  rollback   Restore what one apply changed, from its backup
  backups    List the backups saved before changes (backups list)

Options:
  -h, --help     Show this help (bpsetup COMMAND --help for a command)
  -v, --version  Show the version
  --lang CODE    Language of the wizard and messages: de, en, fr, ja (default: the system&apos;s)

Exit codes: 0 success, 1 the checked thing is wrong, 2 bad input or usage,
3 could not reach or authenticate to AEM/IMS, 4 unsupported version or route.
</source>
        <translation>Verwendung: bpsetup [--demo] | bpsetup BEFEHL [Optionen]

Verbindet Adobe Experience Manager Assets mit Adobe Brand Portal und diagnostiziert bestehende Verbindungen.
Ohne Befehl öffnet sich der Einrichtungsassistent; --demo öffnet ihn mit dem eingebauten Simulator.

Befehle:
  detect     AEM-Version und Brand Portal-Konfiguration lesen und den Einrichtungsweg wählen
  validate   Developer Console-Anmeldedaten bei Adobe IMS prüfen
  keygen     RSA-2048-Schlüsselpaar und Zertifikat für die Developer Console generieren
  profile    Verbindungsprofile auflisten, anzeigen, speichern, umbenennen oder löschen (Geheimnisse im Schlüsselbund)
  simulate   Simulierte AEM-Author-Instanz und simuliertes Adobe IMS auf 127.0.0.1 bereitstellen
  plan       Zeigen, was das Erstellen der Brand Portal-Konfiguration ändern würde (nur lesend)
  apply      Konfiguration erstellen oder umstellen: Plan, Sicherung, Anwenden, Überprüfen, Test
  verify     Konfigurierte Kette durchgängig prüfen (6.5 und Cloud Service; nur Agententests werden gesendet)
  diagnose   Nur lesende Zustandsprüfungen mit Abhilfen, für den Support (diagnose --list-checks)
  rollback   Wiederherstellen, was ein apply-Lauf geändert hat, aus dessen Sicherung
  backups    Vor Änderungen gespeicherte Sicherungen auflisten (backups list)

Optionen:
  -h, --help     Diese Hilfe anzeigen (bpsetup BEFEHL --help für einen Befehl)
  -v, --version  Version anzeigen
  --lang CODE    Sprache des Assistenten und der Meldungen: de, en, fr, ja (Standard: Systemsprache)

Exit-Codes: 0 Erfolg, 1 das Geprüfte ist fehlerhaft, 2 ungültige Eingabe oder Verwendung,
3 AEM/IMS nicht erreichbar oder Authentifizierung fehlgeschlagen, 4 nicht unterstützte Version oder Weg.
</translation>
    </message>
</context>
<context>
    <name>bp::cli::CliContext</name>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer to a [y/N] question</comment>
        <translation>ja</translation>
    </message>
    <message>
        <source>%1 (Adobe IMS)</source>
        <translation>%1 (Adobe IMS)</translation>
    </message>
    <message>
        <source>%1 (AEM)</source>
        <translation>%1 (AEM)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (selbstsigniert)</translation>
    </message>
    <message>
        <source>Certificate presented by %1:
  subject  %2
  issuer   %3
  valid    %4 to %5
  SHA-256  %6
</source>
        <translation>Von %1 vorgelegtes Zertifikat:
  Inhaber     %2
  Aussteller  %3
  Gültig      %4 bis %5
  SHA-256     %6
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your network team expects (a proxy that inspects TLS shows its own certificate for Adobe IMS), re-run with
</source>
        <translation>Wenn dies der Fingerabdruck ist, den Ihr Netzwerkteam erwartet (ein Proxy, der TLS-Verbindungen untersucht, zeigt für Adobe IMS sein eigenes Zertifikat), führen Sie den Befehl erneut aus mit
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your administrator expects, re-run with
</source>
        <translation>Wenn dies der Fingerabdruck ist, den Ihr Administrator erwartet, führen Sie den Befehl erneut aus mit
</translation>
    </message>
</context>
<context>
    <name>bp::ui::ApplyPage</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1.%2 s</source>
        <translation>%1,%2 s</translation>
    </message>
    <message>
        <source>%1:%2 min</source>
        <translation>%1:%2 min</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message>
        <source>Applying …</source>
        <translation>Wird angewendet …</translation>
    </message>
    <message>
        <source>Verifying …</source>
        <translation>Wird überprüft …</translation>
    </message>
    <message>
        <source>Done, verified</source>
        <translation>Fertig, überprüft</translation>
    </message>
    <message>
        <source>Already in place</source>
        <translation>Bereits vorhanden</translation>
    </message>
    <message>
        <source>Would change (dry run)</source>
        <translation>Würde ändern (Probelauf)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>There is no reviewed plan to apply.</source>
        <translation>Es gibt keinen geprüften Plan zum Anwenden.</translation>
    </message>
    <message>
        <source>Close the wizard and start again.</source>
        <translation>Schließen Sie den Assistenten, und beginnen Sie von vorn.</translation>
    </message>
    <message>
        <source>Applying the changes to %1 …</source>
        <translation>Änderungen werden auf %1 angewendet …</translation>
    </message>
    <message>
        <source>Elapsed: %1</source>
        <translation>Verstrichen: %1</translation>
    </message>
    <message>
        <source>Stop applying?</source>
        <translation>Anwenden stoppen?</translation>
    </message>
    <message>
        <source>The step in progress is stopped and no further step runs. What was already changed stays on AEM until you roll it back (the backup is kept).</source>
        <translation>Der laufende Schritt wird gestoppt, und kein weiterer Schritt wird ausgeführt. Was bereits geändert wurde, bleibt in AEM, bis Sie es zurücksetzen (die Sicherung bleibt erhalten).</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>Wird gestoppt …</translation>
    </message>
    <message>
        <source>✔ Every change was applied and verified by reading it back.</source>
        <translation>✔ Jede Änderung wurde angewendet und durch Zurücklesen überprüft.</translation>
    </message>
    <message>
        <source>✔ Nothing needed changing: the configuration is already in place.</source>
        <translation>✔ Es war keine Änderung nötig: Die Konfiguration ist bereits vorhanden.</translation>
    </message>
    <message>
        <source>Every change was applied, but a test did not pass: Next shows which.</source>
        <translation>Jede Änderung wurde angewendet, aber ein Test wurde nicht bestanden: „Weiter“ zeigt, welcher.</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>Das Anwenden wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Apply stopped.</source>
        <translation>Das Anwenden wurde gestoppt.</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed.</source>
        <translation>Der Schritt „%1“ ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Ursache: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Backup %1 in %2</source>
        <translation>Sicherung %1 in %2</translation>
    </message>
    <message>
        <source>Restore what the backup holds, newest backup first.</source>
        <translation>Stellt den Inhalt der Sicherungen wieder her, die neueste Sicherung zuerst.</translation>
    </message>
    <message>
        <source>Rollback is not available in this build.</source>
        <translation>Zurücksetzen ist in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Backup %1 cannot be restored from here.</source>
        <translation>Sicherung %1 kann hier nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Restoring backup %1 …</source>
        <translation>Sicherung %1 wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>The rollback did not complete: %1</source>
        <translation>Das Zurücksetzen wurde nicht abgeschlossen: %1</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it.</source>
        <translation>✔ Zurückgesetzt: Die Instanz ist wieder so, wie sie war, bevor dieser Assistent sie geändert hat.</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it (%1 restored).</source>
        <translation>✔ Zurückgesetzt: Die Instanz ist wieder so, wie sie war, bevor dieser Assistent sie geändert hat (%1 wiederhergestellt).</translation>
    </message>
    <message>
        <source>Rolled back. Retry applies the plan again, Cancel closes the wizard.</source>
        <translation>Zurückgesetzt. „Erneut versuchen“ wendet den Plan erneut an, „Abbrechen“ schließt den Assistenten.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>The changes are written to AEM one by one, each verified by reading it back. A backup is saved before the first change.</source>
        <translation>Die Änderungen werden nacheinander in AEM geschrieben und jeweils durch Zurücklesen überprüft. Vor der ersten Änderung wird eine Sicherung gespeichert.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop applying (asks first)</source>
        <translation>Anwenden stoppen (fragt vorher nach)</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>Zu&amp;rücksetzen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Erneu&amp;t versuchen</translation>
    </message>
    <message>
        <source>Backup %1 of the state before is in %2.</source>
        <translation>Sicherung %1 des vorherigen Stands liegt in %2.</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgesetzt</translation>
    </message>
    <message>
        <source>Apply steps</source>
        <translation>Schritte beim Anwenden</translation>
    </message>
    <message>
        <source>Each change with its status: waiting, running, done, failed or rolled back.</source>
        <translation>Jede Änderung mit ihrem Status: ausstehend, in Arbeit, fertig, fehlgeschlagen oder zurückgesetzt.</translation>
    </message>
</context>
<context>
    <name>bp::ui::CertificateTrustDialog</name>
    <message>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to your AEM instance, for example because your administrator gave you its fingerprint.</source>
        <translation>Der Server %1 hat ein Zertifikat vorgelegt, dem dieser Computer nicht vertraut. Vertrauen Sie ihm nur, wenn Sie wissen, dass dieses Zertifikat zu Ihrer AEM-Instanz gehört, zum Beispiel weil Ihr Administrator Ihnen seinen Fingerabdruck gegeben hat.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Probleme:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (selbstsigniert)</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>von %1 bis %2</translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation>(keine gemeldet)</translation>
    </message>
    <message>
        <source>If you trust it, bpsetup remembers this certificate for %1 only. If the server later presents a different certificate, you will be asked again.</source>
        <translation>Wenn Sie ihm vertrauen, merkt sich bpsetup dieses Zertifikat nur für %1. Legt der Server später ein anderes Zertifikat vor, werden Sie erneut gefragt.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate for %1</source>
        <translation>Diesem Zertifikat für %1 ver&amp;trauen</translation>
    </message>
    <message>
        <source>%1 (Adobe IMS, where the credentials are checked) presented a certificate that this computer does not trust. Adobe&apos;s own certificate is trusted everywhere, so this one most likely comes from a proxy that inspects TLS traffic on your network. Only trust it if your network team confirms its fingerprint; otherwise ask them for the proxy&apos;s CA certificate.</source>
        <translation>%1 (Adobe IMS, wo die Anmeldedaten geprüft werden) hat ein Zertifikat vorgelegt, dem dieser Computer nicht vertraut. Dem eigenen Zertifikat von Adobe wird überall vertraut, daher stammt dieses höchstwahrscheinlich von einem Proxy in Ihrem Netzwerk, der TLS-Verbindungen untersucht. Vertrauen Sie ihm nur, wenn Ihr Netzwerkteam seinen Fingerabdruck bestätigt; bitten Sie es andernfalls um das CA-Zertifikat des Proxys.</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to that server, for example because your administrator gave you its fingerprint.</source>
        <translation>Der Server %1 hat ein Zertifikat vorgelegt, dem dieser Computer nicht vertraut. Vertrauen Sie ihm nur, wenn Sie wissen, dass dieses Zertifikat zu diesem Server gehört, zum Beispiel weil Ihr Administrator Ihnen seinen Fingerabdruck gegeben hat.</translation>
    </message>
</context>
<context>
    <name>bp::ui::ConnectPage</name>
    <message>
        <source>Connection cancelled. Nothing was changed on AEM.</source>
        <translation>Verbindung abgebrochen. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Enter the user name and password of an AEM administrator.</source>
        <translation>Geben Sie Benutzername und Passwort eines AEM-Administrators ein.</translation>
    </message>
    <message>
        <source>Paste a local development or service token from the AEM Developer Console.</source>
        <translation>Fügen Sie ein lokales Entwicklungs- oder Service-Token aus der AEM Developer Console ein.</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 version including the service pack, for example 6.5.21.0.</source>
        <translation>Geben Sie die genaue 6.5-Version einschließlich Service Pack ein, zum Beispiel 6.5.21.0.</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 LTS version, for example 6.6.1.</source>
        <translation>Geben Sie die genaue 6.5 LTS-Version ein, zum Beispiel 6.6.1.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 von %3)</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Connected, but no source revealed the AEM version (the dispatcher or permissions may block them). Choose the version below and click Next, or leave it as &quot;Not known&quot; to continue and see what was found.</source>
        <translation>Verbunden, aber keine Quelle hat die AEM-Version preisgegeben (Dispatcher oder Berechtigungen blockieren sie möglicherweise). Wählen Sie unten die Version, und klicken Sie auf „Weiter“, oder lassen Sie „Nicht bekannt“ stehen, um fortzufahren und zu sehen, was gefunden wurde.</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Verbunden.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Das Zertifikat des Servers ist nicht vertrauenswürdig.</translation>
    </message>
    <message>
        <source>%1
The certificate was not trusted. Ask your administrator for the CA certificate and select it under &quot;Extra CA certificates&quot;, or trust the certificate after checking its fingerprint.</source>
        <translation>%1
Dem Zertifikat wurde nicht vertraut. Bitten Sie Ihren Administrator um das CA-Zertifikat, und wählen Sie es unter „Zusätzliche CA-Zertifikate“ aus, oder vertrauen Sie dem Zertifikat, nachdem Sie seinen Fingerabdruck geprüft haben.</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>Dem Zertifikat wird nur für diese Sitzung vertraut, weil es nicht gespeichert werden konnte: %1</translation>
    </message>
    <message>
        <source>The saved connections were written by a newer bpsetup: they can be used, but not changed.</source>
        <translation>Die gespeicherten Verbindungen wurden von einer neueren bpsetup-Version geschrieben: Sie können verwendet, aber nicht geändert werden.</translation>
    </message>
    <message>
        <source>%1 Until then, passwords and secrets are not saved; everything else works.</source>
        <translation>%1 Bis dahin werden Passwörter und Geheimnisse nicht gespeichert; alles andere funktioniert.</translation>
    </message>
    <message>
        <source>Reading the saved passwords of &quot;%1&quot; from %2 …</source>
        <translation>Gespeicherte Passwörter von „%1“ werden aus %2 gelesen …</translation>
    </message>
    <message>
        <source>This saved connection no longer exists.</source>
        <translation>Diese gespeicherte Verbindung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The saved passwords of &quot;%1&quot; could not be read: %2 Type the %3 below.</source>
        <translation>Die gespeicherten Passwörter von „%1“ konnten nicht gelesen werden: %2 Geben Sie das %3 unten ein.</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>No password stored for this profile: type it below.</source>
        <translation>Für dieses Profil ist kein Passwort gespeichert: Geben Sie es unten ein.</translation>
    </message>
    <message>
        <source>No token stored for this profile: paste it below.</source>
        <translation>Für dieses Profil ist kein Token gespeichert: Fügen Sie es unten ein.</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot; with its saved secrets.</source>
        <translation>„%1“ mit den gespeicherten Geheimnissen geladen.</translation>
    </message>
    <message>
        <source>Select CA certificates</source>
        <translation>CA-Zertifikate auswählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Connect to AEM</source>
        <translation>Mit AEM verbinden</translation>
    </message>
    <message>
        <source>Enter the address of your AEM author instance and an administrator login. Connecting only reads from AEM.</source>
        <translation>Geben Sie die Adresse Ihrer AEM-Author-Instanz und eine Administratoranmeldung ein. Beim Verbinden wird aus AEM nur gelesen.</translation>
    </message>
    <message>
        <source>Demo mode: the fields below are filled in for the built-in simulator.</source>
        <translation>Demomodus: Die Felder unten sind für den eingebauten Simulator ausgefüllt.</translation>
    </message>
    <message>
        <source>&amp;Saved connection:</source>
        <translation>&amp;Gespeicherte Verbindung:</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation>Ve&amp;rwalten…</translation>
    </message>
    <message>
        <source>Rename or delete saved connections</source>
        <translation>Gespeicherte Verbindungen umbenennen oder löschen</translation>
    </message>
    <message>
        <source>AEM author &amp;URL:</source>
        <translation>AEM-Author-&amp;URL:</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>Anmelden &amp;mit:</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <source>Bearer token (AEM as a Cloud Service)</source>
        <translation>Bearer-Token (AEM as a Cloud Service)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation>Passwort ausblenden</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Passwort einblenden</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Developer Console token</source>
        <translation>Developer Console-Token</translation>
    </message>
    <message>
        <source>Certificates and proxy (optional)</source>
        <translation>Zertifikate und Proxy (optional)</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificates:</source>
        <translation>Zusätzliche &amp;CA-Zertifikate:</translation>
    </message>
    <message>
        <source>PEM file, in addition to the system certificates</source>
        <translation>PEM-Datei, zusätzlich zu den Systemzertifikaten</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>system proxy</source>
        <translation>System-Proxy</translation>
    </message>
    <message>
        <source>Leave empty for the system proxy, type &quot;none&quot; for a direct connection, or http://host:port</source>
        <translation>Leer lassen für den System-Proxy, „none“ für eine direkte Verbindung oder http://host:port</translation>
    </message>
    <message>
        <source>AEM &amp;version (chosen manually):</source>
        <translation>AEM-&amp;Version (manuell gewählt):</translation>
    </message>
    <message>
        <source>Not known — continue without it</source>
        <translation>Nicht bekannt – ohne Version fortfahren</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service</source>
        <translation>AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>6.5.x — enter exact service pack</source>
        <translation>6.5.x – genaues Service Pack eingeben</translation>
    </message>
    <message>
        <source>6.5 LTS (6.6.x)</source>
        <translation>6.5 LTS (6.6.x)</translation>
    </message>
    <message>
        <source>Exact AEM version</source>
        <translation>Genaue AEM-Version</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop connecting</source>
        <translation>Verbindungsaufbau abbrechen</translation>
    </message>
    <message>
        <source>Us&amp;er name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>Aus&amp;blenden</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>Ein&amp;blenden</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>A connection saved earlier fills in the fields below; its secrets come from the keychain.</source>
        <translation>Eine früher gespeicherte Verbindung füllt die Felder unten aus; ihre Geheimnisse kommen aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>How bpsetup signs in to AEM: a user and password, or a bearer token (AEM as a Cloud Service).</source>
        <translation>Wie sich bpsetup bei AEM anmeldet: mit Benutzer und Passwort oder mit einem Bearer-Token (AEM as a Cloud Service).</translation>
    </message>
    <message>
        <source>An AEM administrator, such as admin.</source>
        <translation>Ein AEM-Administrator, zum Beispiel admin.</translation>
    </message>
    <message>
        <source>The AEM user&apos;s password; it is never written to a file.</source>
        <translation>Das Passwort des AEM-Benutzers; es wird nie in eine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates to trust in addition to the system&apos;s.</source>
        <translation>Wählen Sie eine PEM-Datei mit CA-Zertifikaten, denen zusätzlich zu denen des Systems vertraut werden soll.</translation>
    </message>
</context>
<context>
    <name>bp::ui::CredentialsPage</name>
    <message>
        <source>client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>Organisations-ID</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>technische Konto-ID</translation>
    </message>
    <message>
        <source>metascopes</source>
        <translation>Metascopes</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>privater Schlüssel</translation>
    </message>
    <message>
        <source>IMS address</source>
        <translation>IMS-Adresse</translation>
    </message>
    <message>
        <source>credential kind</source>
        <translation>Art der Anmeldedaten</translation>
    </message>
    <message>
        <source>%1 is a private key, which only a Service Account (JWT) credential uses: the credential kind is now JWT.</source>
        <translation>%1 ist ein privater Schlüssel, den nur Anmeldedaten vom Typ Service Account (JWT) verwenden: Die Art der Anmeldedaten ist jetzt JWT.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1 is neither a Developer Console credential nor a private key or certificate.</source>
        <translation>%1 ist weder eine Developer Console-Anmeldedatendatei noch ein privater Schlüssel oder ein Zertifikat.</translation>
    </message>
    <message>
        <source>Paste the JSON of the credential first.</source>
        <translation>Fügen Sie zuerst das JSON der Anmeldedaten ein.</translation>
    </message>
    <message>
        <source>Pasted JSON</source>
        <translation>Eingefügtes JSON</translation>
    </message>
    <message>
        <source>Could not create a temporary folder for the demo credentials: %1</source>
        <translation>Für die Demo-Anmeldedaten konnte kein temporärer Ordner erstellt werden: %1</translation>
    </message>
    <message>
        <source>Import a Developer Console credential</source>
        <translation>Developer Console-Anmeldedaten importieren</translation>
    </message>
    <message>
        <source>Developer Console credentials (*.json);;Private keys and certificates (*.key *.pem *.crt *.cer);;All files (*)</source>
        <translation>Developer Console-Anmeldedaten (*.json);;Private Schlüssel und Zertifikate (*.key *.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>Privaten Schlüssel auswählen</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>Private Schlüssel (*.key *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import the credential or fill in: %1.</source>
        <translation>Importieren Sie die Anmeldedaten, oder füllen Sie aus: %1.</translation>
    </message>
    <message>
        <source>Correct the fields marked ⚠ to continue.</source>
        <translation>Korrigieren Sie die mit ⚠ markierten Felder, um fortzufahren.</translation>
    </message>
    <message>
        <source>Choose the private key file (for example private.key) whose certificate is uploaded to the credential in Developer Console, or generate a new key pair. If AEM generated the key pair, tick the box above instead.</source>
        <translation>Wählen Sie die Datei des privaten Schlüssels (zum Beispiel private.key), dessen Zertifikat zu den Anmeldedaten in der Developer Console hochgeladen ist, oder generieren Sie ein neues Schlüsselpaar. Wenn AEM das Schlüsselpaar generiert hat, aktivieren Sie stattdessen das Kontrollkästchen oben.</translation>
    </message>
    <message>
        <source>This private key is encrypted: enter its passphrase.</source>
        <translation>Dieser private Schlüssel ist verschlüsselt: Geben Sie seine Passphrase ein.</translation>
    </message>
    <message>
        <source>⚠ Certificate %1: %2</source>
        <translation>⚠ Zertifikat %1: %2</translation>
    </message>
    <message>
        <source>Certificate %1 expires on %2.</source>
        <translation>Zertifikat %1 läuft am %2 ab.</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>⚠ This certificate has expired, so IMS rejects JWTs signed with its key. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ Dieses Zertifikat ist abgelaufen, daher lehnt IMS mit seinem Schlüssel signierte JWTs ab. JWT-Zertifikate können nicht mehr erneuert werden: Stellen Sie auf OAuth Server-to-Server um.</translation>
    </message>
    <message>
        <source>⚠ This certificate expires within 30 days; the integration stops working then. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ Dieses Zertifikat läuft innerhalb von 30 Tagen ab; dann funktioniert die Integration nicht mehr. JWT-Zertifikate können nicht mehr erneuert werden: Stellen Sie auf OAuth Server-to-Server um.</translation>
    </message>
    <message>
        <source>The private key belongs to this certificate.</source>
        <translation>Der private Schlüssel gehört zu diesem Zertifikat.</translation>
    </message>
    <message>
        <source>⚠ The private key does not belong to this certificate: IMS will not accept it unless the key&apos;s own certificate is uploaded to the credential.</source>
        <translation>⚠ Der private Schlüssel gehört nicht zu diesem Zertifikat: IMS akzeptiert ihn nur, wenn das eigene Zertifikat des Schlüssels zu den Anmeldedaten hochgeladen ist.</translation>
    </message>
    <message>
        <source>Found a credential of kind %1.</source>
        <translation>Anmeldedaten vom Typ %1 gefunden.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Developer Console-Anmeldedaten</translation>
    </message>
    <message>
        <source>Import the OAuth Server-to-Server credential of the Developer Console project that has the AEM Brand Portal API, or type it in. Nothing is sent anywhere on this page.</source>
        <translation>Importieren Sie die OAuth Server-to-Server-Anmeldedaten des Developer Console-Projekts mit der AEM Brand Portal API, oder geben Sie sie ein. Hier wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Demo mode: use the throwaway credentials of the built-in simulator.</source>
        <translation>Demomodus: Verwenden Sie die temporären Anmeldedaten des eingebauten Simulators.</translation>
    </message>
    <message>
        <source>&amp;Use the simulator&apos;s demo credentials</source>
        <translation>Demo-Anmeldedaten des Sim&amp;ulators verwenden</translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation>&amp;Datei importieren…</translation>
    </message>
    <message>
        <source>or drop a downloaded .json file, or a private key (PEM), anywhere on this page.</source>
        <translation>oder ziehen Sie eine heruntergeladene .json-Datei oder einen privaten Schlüssel (PEM) an eine beliebige Stelle dieser Seite.</translation>
    </message>
    <message>
        <source>…or &amp;paste the JSON (Download JSON on the credential page, or the project&apos;s Download all):</source>
        <translation>…oder das JSON ein&amp;fügen (Download JSON auf der Seite der Anmeldedaten oder Download all des Projekts):</translation>
    </message>
    <message>
        <source>Import pasted &amp;JSON</source>
        <translation>Eingefügtes &amp;JSON importieren</translation>
    </message>
    <message>
        <source>Ctrl+Enter in the text box does the same.</source>
        <translation>Strg+Eingabe im Textfeld bewirkt dasselbe.</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Kin&amp;d:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (recommended)</source>
        <translation>OAuth Server-to-Server (empfohlen)</translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation>Service Account (JWT) – von Adobe eingestellt</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials (end of life 2025-06-30, converted to OAuth Server-to-Server by 2026-03-01). Use this only to check or migrate an existing setup.</source>
        <translation>Adobe hat JWT-Anmeldedaten eingestellt (Ende des Lebenszyklus 2025-06-30, bis 2026-03-01 auf OAuth Server-to-Server umgestellt). Verwenden Sie diese Art nur, um eine bestehende Einrichtung zu prüfen oder zu migrieren.</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>C&amp;lient-Secret:</translation>
    </message>
    <message>
        <source>Second secret:</source>
        <translation>Zweites Secret:</translation>
    </message>
    <message>
        <source>optional: the other secret while you rotate them</source>
        <translation>optional: das andere Secret während der Rotation</translation>
    </message>
    <message>
        <source>Scop&amp;es:</source>
        <translation>S&amp;copes:</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>kommagetrennt</translation>
    </message>
    <message>
        <source>Copy them verbatim from the credential&apos;s Scopes tab in Developer Console: Adobe publishes no fixed list, and IMS refuses scopes the credential does not have.</source>
        <translation>Kopieren Sie sie wörtlich von der Registerkarte Scopes der Anmeldedaten in der Developer Console: Adobe veröffentlicht keine feste Liste, und IMS lehnt Scopes ab, die die Anmeldedaten nicht haben.</translation>
    </message>
    <message>
        <source>&amp;Technical account ID:</source>
        <translation>Technische &amp;Konto-ID:</translation>
    </message>
    <message>
        <source>&amp;Metascopes:</source>
        <translation>&amp;Metascopes:</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>Pri&amp;vater Schlüssel:</translation>
    </message>
    <message>
        <source>private.key</source>
        <translation>private.key</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>Schlüsselpaar &amp;generieren…</translation>
    </message>
    <message>
        <source>The key pair was generated by AEM (the private key is only in AEM)</source>
        <translation>Das Schlüsselpaar wurde von AEM generiert (der private Schlüssel ist nur in AEM)</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Adobe IMS add&amp;ress:</source>
        <translation>Adobe IMS-Ad&amp;resse:</translation>
    </message>
    <message>
        <source>Leave the default unless Adobe support named another IMS host.</source>
        <translation>Behalten Sie den Standardwert bei, sofern der Adobe-Support keinen anderen IMS-Host genannt hat.</translation>
    </message>
    <message>
        <source>Hide the client secret</source>
        <translation>Client-Secret ausblenden</translation>
    </message>
    <message>
        <source>Show the client secret</source>
        <translation>Client-Secret einblenden</translation>
    </message>
    <message>
        <source>Hide the second client secret</source>
        <translation>Zweites Client-Secret ausblenden</translation>
    </message>
    <message>
        <source>Show the second client secret</source>
        <translation>Zweites Client-Secret einblenden</translation>
    </message>
    <message>
        <source>Import the Service Account (JWT) credential of the Developer Console project with its private key, or type it in, to check or migrate an existing setup. Nothing is sent anywhere on this page.</source>
        <translation>Importieren Sie die JWT-Anmeldedaten mit privatem Schlüssel, oder geben Sie sie ein, um eine bestehende Einrichtung zu prüfen oder zu migrieren. Hier wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>Ein&amp;blenden</translation>
    </message>
    <message>
        <source>Demo JWT &amp;credentials</source>
        <translation>Demo-JW&amp;T-Anmeldedaten</translation>
    </message>
    <message>
        <source>Organi&amp;zation ID:</source>
        <translation>&amp;Organisations-ID:</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>Ei&amp;nblenden</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server for new setups; Service Account (JWT) only to upgrade an old one.</source>
        <translation>OAuth Server-to-Server für neue Einrichtungen; Service Account (JWT) nur, um eine alte umzustellen.</translation>
    </message>
    <message>
        <source>The client secret from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>Das Client-Secret von der Seite der Anmeldedaten in der Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>Paste the JSON Developer Console shows or downloads; Tab leaves the field.</source>
        <translation>Fügen Sie das JSON ein, das die Developer Console anzeigt oder herunterlädt; Tab verlässt das Feld.</translation>
    </message>
    <message>
        <source>Fills in the built-in simulator&apos;s throwaway credential (demo mode only).</source>
        <translation>Füllt die temporären Anmeldedaten des eingebauten Simulators aus (nur im Demomodus).</translation>
    </message>
    <message>
        <source>Reads a credential JSON or a private key file downloaded from Developer Console.</source>
        <translation>Liest eine aus der Developer Console heruntergeladene JSON-Datei mit Anmeldedaten oder Datei mit privatem Schlüssel.</translation>
    </message>
    <message>
        <source>Shows the Adobe IMS address, for IMS regions or a test IMS.</source>
        <translation>Zeigt die Adobe IMS-Adresse an, für IMS-Regionen oder ein Test-IMS.</translation>
    </message>
    <message>
        <source>Se&amp;lect…</source>
        <translation>Auswähle&amp;n…</translation>
    </message>
    <message>
        <source>Ke&amp;y passphrase:</source>
        <translation>Schlüssel-&amp;Passphrase:</translation>
    </message>
</context>
<context>
    <name>bp::ui::DiagnosePage</name>
    <message>
        <source>What to do:</source>
        <translation>Abhilfe:</translation>
    </message>
    <message>
        <source>Save the diagnosis report</source>
        <translation>Diagnosebericht speichern</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>The summary is on the clipboard (no secrets in it).</source>
        <translation>Die Zusammenfassung ist in der Zwischenablage (ohne Geheimnisse).</translation>
    </message>
    <message>
        <source>Diagnosing %1: only reading, nothing is changed…</source>
        <translation>%1 wird diagnostiziert: Es wird nur gelesen, nichts wird geändert…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Diagnose again</source>
        <translation>Erneut &amp;diagnostizieren</translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation>Bericht nicht gespeichert</translation>
    </message>
    <message>
        <source>Report saved to %1. It holds no password, token or key.</source>
        <translation>Bericht unter %1 gespeichert. Er enthält kein Passwort, kein Token und keinen Schlüssel.</translation>
    </message>
    <message>
        <source>… Waiting</source>
        <translation>… Ausstehend</translation>
    </message>
    <message>
        <source>… waiting</source>
        <translation>… ausstehend</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Connection chain</source>
        <translation>Verbindungskette</translation>
    </message>
    <message>
        <source>Diagnosis cancelled. Nothing was changed.</source>
        <translation>Diagnose abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>AEM konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>%1 — What to do: %2</source>
        <translation>%1 — Abhilfe: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed.</source>
        <translation>
            <numerusform>%n Prüfung fehlgeschlagen.</numerusform>
            <numerusform>%n Prüfungen fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Keine Prüfung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 skipped.</source>
        <translation>%1 OK, %2 mit Warnung, %3 übersprungen.</translation>
    </message>
    <message>
        <source>&amp;Upgrade this configuration…</source>
        <translation>Diese Konfiguration &amp;umstellen…</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Read-only health checks of the Brand Portal connection, each with what was read and what to do. Nothing is changed.</source>
        <translation>Nur lesende Zustandsprüfungen der Brand Portal-Verbindung, jeweils mit dem gelesenen Befund und der Abhilfe. Es wird nichts geändert.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Evidence and what to do</source>
        <translation>Befund und Abhilfe</translation>
    </message>
    <message>
        <source>&amp;Diagnose</source>
        <translation>&amp;Diagnostizieren</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Bericht speichern…</translation>
    </message>
    <message>
        <source>One HTML file that opens offline; passwords, tokens and keys are removed.</source>
        <translation>Eine HTML-Datei, die sich offline öffnen lässt; Passwörter, Token und Schlüssel werden entfernt.</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>Zusammenfassung k&amp;opieren</translation>
    </message>
    <message>
        <source>Continue with the upgrade to OAuth Server-to-Server: credentials, validation, review. Nothing is written before you confirm on the Review page.</source>
        <translation>Mit der Umstellung auf OAuth Server-to-Server fortfahren: Anmeldedaten, Validierung, Prüfung der Änderungen. Bevor Sie auf der Seite „Änderungen prüfen“ bestätigen, wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Each health check with its result; select one to read its evidence and remedy.</source>
        <translation>Jede Zustandsprüfung mit ihrem Ergebnis; wählen Sie eine aus, um Befund und Abhilfe zu lesen.</translation>
    </message>
    <message>
        <source>Runs every check again; nothing is changed on AEM.</source>
        <translation>Führt alle Prüfungen erneut aus; in AEM wird nichts geändert.</translation>
    </message>
    <message>
        <source>Copies the text summary of the checks, without secrets, to the clipboard.</source>
        <translation>Kopiert die Textzusammenfassung der Prüfungen ohne Geheimnisse in die Zwischenablage.</translation>
    </message>
    <message>
        <source>Also run &amp;Test Connection</source>
        <translation>Auch &amp;Test Connection ausführen</translation>
    </message>
    <message>
        <source>Sends a test package through each agent: the only request diagnose sends that is not a read.</source>
        <translation>Sendet ein Testpaket über jeden Agenten: die einzige Anfrage der Diagnose, die nicht nur liest.</translation>
    </message>
</context>
<context>
    <name>bp::ui::FinishPage</name>
    <message>
        <source>Connected to %1 (%2, version %3).</source>
        <translation>Verbunden mit %1 (%2, Version %3).</translation>
    </message>
    <message>
        <source>Connected to %1 (version not known).</source>
        <translation>Verbunden mit %1 (Version nicht bekannt).</translation>
    </message>
    <message>
        <source>Credential: %1, client ID %2.</source>
        <translation>Anmeldedaten: %1, Client-ID %2.</translation>
    </message>
    <message>
        <source>Adobe IMS accepted it.</source>
        <translation>Adobe IMS hat sie akzeptiert.</translation>
    </message>
    <message>
        <source>Not validated here: the private key is held by AEM.</source>
        <translation>Hier nicht validiert: Der private Schlüssel liegt in AEM.</translation>
    </message>
    <message>
        <source>Diagnosis is not available in this version yet: nothing was changed on AEM.</source>
        <translation>Die Diagnose ist in dieser Version noch nicht verfügbar: In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>Was erledigt wurde:</translation>
    </message>
    <message>
        <source>There are no secrets to store.</source>
        <translation>Es gibt keine Geheimnisse zu speichern.</translation>
    </message>
    <message>
        <source>Stored in %1: %2.</source>
        <translation>Gespeichert in %1: %2.</translation>
    </message>
    <message>
        <source>Not stored: %1. You will type them again next time.</source>
        <translation>Nicht gespeichert: %1. Sie müssen sie beim nächsten Mal erneut eingeben.</translation>
    </message>
    <message>
        <source>%1 Untick the option above to save the settings without secrets.</source>
        <translation>%1 Deaktivieren Sie die Option oben, um die Einstellungen ohne Geheimnisse zu speichern.</translation>
    </message>
    <message>
        <source>Saving the connection …</source>
        <translation>Verbindung wird gespeichert …</translation>
    </message>
    <message>
        <source>Saving the connection and storing its secrets in %1 …</source>
        <translation>Verbindung wird gespeichert, ihre Geheimnisse werden in %1 abgelegt …</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>Check what was done, and save this connection to skip the typing next time.</source>
        <translation>Prüfen Sie, was erledigt wurde, und speichern Sie diese Verbindung, um sich beim nächsten Mal das Eintippen zu sparen.</translation>
    </message>
    <message>
        <source>&amp;Save this connection for next time</source>
        <translation>Diese &amp;Verbindung für das nächste Mal speichern</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>Profil&amp;name:</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; up to 64 characters.</source>
        <translation>Buchstaben, Ziffern, Leerzeichen, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;; bis zu 64 Zeichen.</translation>
    </message>
    <message>
        <source>Saving connections is not available here.</source>
        <translation>Das Speichern von Verbindungen ist hier nicht verfügbar.</translation>
    </message>
    <message>
        <source>Finish &amp;without saving</source>
        <translation>&amp;Ohne Speichern abschließen</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The configuration was already in place: nothing was changed on AEM.</source>
        <translation>Die Konfiguration war bereits vorhanden: In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Configuration created on AEM (each change verified):</source>
        <translation>Konfiguration in AEM erstellt (jede Änderung überprüft):</translation>
    </message>
    <message>
        <source>Brand Portal tenant: %1.</source>
        <translation>Brand Portal-Mandant: %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed.</source>
        <translation>
            <numerusform>%n Test bestanden.</numerusform>
            <numerusform>Alle %n Tests bestanden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass: see the Test page.</source>
        <translation>
            <numerusform>%n Test wurde nicht bestanden: siehe Seite „Test“.</numerusform>
            <numerusform>%n Tests wurden nicht bestanden: siehe Seite „Test“.</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup %1, saved before the first change in %2. Roll back with bpsetup rollback --backup %1.</source>
        <translation>Sicherung %1, vor der ersten Änderung in %2 gespeichert. Zurücksetzen mit bpsetup rollback --backup %1.</translation>
    </message>
    <message numerus="yes">
        <source>This run saved %n backup(s); to undo everything, roll them back newest first: %1.</source>
        <translation>
            <numerusform>Dieser Lauf hat %n Sicherung gespeichert; um alles rückgängig zu machen, setzen Sie sie zurück: %1.</numerusform>
            <numerusform>Dieser Lauf hat %n Sicherungen gespeichert; um alles rückgängig zu machen, setzen Sie sie zurück, die neueste zuerst: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Adobe IMS rejected it (%1); you continued without validation (reason: %2, recorded in %3). Publishing to Brand Portal fails until the credential is fixed.</source>
        <translation>Adobe IMS hat sie abgelehnt (%1); Sie haben ohne Validierung fortgefahren (Grund: %2, protokolliert in %3). Das Veröffentlichen in Brand Portal schlägt fehl, bis die Anmeldedaten korrigiert sind.</translation>
    </message>
    <message>
        <source>Not validated: you continued without validation (reason: %1, recorded in %2).</source>
        <translation>Nicht validiert: Sie haben ohne Validierung fortgefahren (Grund: %1, protokolliert in %2).</translation>
    </message>
    <message>
        <source>Not validated (%1); you continued without validation (reason: %2, recorded in %3).</source>
        <translation>Nicht validiert (%1); Sie haben ohne Validierung fortgefahren (Grund: %2, protokolliert in %3).</translation>
    </message>
    <message>
        <source>Not stored: %1.</source>
        <translation>Nicht gespeichert: %1.</translation>
    </message>
    <message>
        <source>Cannot be stored now: %1.</source>
        <translation>Derzeit nicht speicherbar: %1.</translation>
    </message>
    <message>
        <source>To be stored in %1: %2. Adobe IMS rejected this credential, so the stored secret does not work until it is fixed.</source>
        <translation>Wird gespeichert in %1: %2. Adobe IMS hat diese Anmeldedaten abgelehnt, daher funktioniert das gespeicherte Secret erst, wenn sie korrigiert sind.</translation>
    </message>
    <message>
        <source>To be stored in %1: %2.</source>
        <translation>Wird gespeichert in %1: %2.</translation>
    </message>
    <message>
        <source>Not stored: %1. Adobe IMS rejected this credential; tick the box to store it anyway.</source>
        <translation>Nicht gespeichert: %1. Adobe IMS hat diese Anmeldedaten abgelehnt; aktivieren Sie das Kontrollkästchen, um sie trotzdem zu speichern.</translation>
    </message>
    <message>
        <source>Replace the saved connection?</source>
        <translation>Gespeicherte Verbindung ersetzen?</translation>
    </message>
    <message>
        <source>A saved connection named &quot;%1&quot; already exists, for %2. Replace it with this one (its stored secrets too)?</source>
        <translation>Es gibt bereits eine gespeicherte Verbindung namens „%1“ für %2. Soll sie durch diese ersetzt werden (samt ihren gespeicherten Geheimnissen)?</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>E&amp;rsetzen</translation>
    </message>
    <message>
        <source>&amp;Keep both (choose another name)</source>
        <translation>&amp;Beide behalten (anderen Namen wählen)</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; secrets stored in: %2.</source>
        <translation>Gespeichert. Einstellungen: %1; Geheimnisse gespeichert in: %2.</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; no secrets were stored.</source>
        <translation>Gespeichert. Einstellungen: %1; es wurden keine Geheimnisse gespeichert.</translation>
    </message>
    <message>
        <source>S&amp;tore the secrets in the keychain</source>
        <translation>&amp;Geheimnisse im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Untick this on a shared computer: the settings are saved, the secrets are typed again next time.</source>
        <translation>Deaktivieren Sie diese Option auf einem gemeinsam genutzten Computer: Die Einstellungen werden gespeichert, die Geheimnisse geben Sie beim nächsten Mal erneut ein.</translation>
    </message>
    <message>
        <source>Keeps the address, user and credential details for next time; secrets go to the keychain only.</source>
        <translation>Behält Adresse, Benutzer und Angaben zu den Anmeldedaten für das nächste Mal; Geheimnisse kommen nur in den Schlüsselbund.</translation>
    </message>
</context>
<context>
    <name>bp::ui::HelpDialog</name>
    <message>
        <source>Adobe&apos;s documentation</source>
        <translation>Dokumentation von Adobe</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>Connecting to AEM</source>
        <translation>Verbinden mit AEM</translation>
    </message>
    <message>
        <source>The setup route</source>
        <translation>Der Einrichtungsweg</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Developer Console-Anmeldedaten</translation>
    </message>
    <message>
        <source>Validating with Adobe IMS</source>
        <translation>Validieren mit Adobe IMS</translation>
    </message>
    <message>
        <source>Reviewing the changes</source>
        <translation>Prüfen der Änderungen</translation>
    </message>
    <message>
        <source>Applying the changes</source>
        <translation>Anwenden der Änderungen</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Testen der Verbindung</translation>
    </message>
    <message>
        <source>Diagnosing a setup</source>
        <translation>Diagnostizieren einer Einrichtung</translation>
    </message>
    <message>
        <source>Verifying a configuration</source>
        <translation>Überprüfen einer Konfiguration</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Brand Portal-Einrichtung</translation>
    </message>
    <message>
        <source>This wizard connects AEM Assets to Brand Portal, or checks a connection that exists. Choose &quot;Set up Brand Portal&quot; to create or upgrade the configuration, or &quot;Diagnose an existing setup&quot; to run read-only health checks and save a report for support.</source>
        <translation>Dieser Assistent verbindet AEM Assets mit Brand Portal oder prüft eine bestehende Verbindung. Wählen Sie „Brand Portal einrichten“, um die Konfiguration zu erstellen oder umzustellen, oder „Bestehende Einrichtung diagnostizieren“, um nur lesende Zustandsprüfungen auszuführen und einen Bericht für den Support zu speichern.</translation>
    </message>
    <message>
        <source>Nothing is changed on AEM before the Apply step, and every change made there can be rolled back from the backup taken first.</source>
        <translation>Vor dem Schritt „Anwenden“ wird in AEM nichts geändert, und jede dort vorgenommene Änderung kann aus der zuvor erstellten Sicherung zurückgesetzt werden.</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (AEM 6.5)</source>
        <translation>Configure AEM Assets with Brand Portal (AEM 6.5)</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (Cloud Service)</source>
        <translation>Configure AEM Assets with Brand Portal (Cloud Service)</translation>
    </message>
    <message>
        <source>Enter the address of the AEM author instance (not a publish instance and not the dispatcher&apos;s address if it blocks /system/console) and an administrator&apos;s user name and password. The password is kept in the OS keychain only if you save a profile.</source>
        <translation>Geben Sie die Adresse der AEM-Author-Instanz ein (keine Publish-Instanz und nicht die Adresse des Dispatchers, falls dieser /system/console blockiert) sowie Benutzername und Passwort eines Administrators. Das Passwort wird nur dann im Schlüsselbund des Betriebssystems gespeichert, wenn Sie ein Profil speichern.</translation>
    </message>
    <message>
        <source>If AEM presents a certificate this computer does not trust, you are shown its fingerprint: compare it with the one your AEM administrator gives you before you trust it.</source>
        <translation>Legt AEM ein Zertifikat vor, dem dieser Computer nicht vertraut, wird Ihnen sein Fingerabdruck angezeigt: Vergleichen Sie ihn mit dem Fingerabdruck, den Ihnen Ihr AEM-Administrator gibt, bevor Sie dem Zertifikat vertrauen.</translation>
    </message>
    <message>
        <source>Setting up IMS integrations for AEM</source>
        <translation>Setting up IMS integrations for AEM</translation>
    </message>
    <message>
        <source>The route follows from the AEM version and from what is configured today. AEM as a Cloud Service is activated from Cloud Manager; AEM 6.5 (6.5.4.0 and above) and 6.5 LTS use a Developer Console project with an OAuth Server-to-Server credential.</source>
        <translation>Der Weg ergibt sich aus der AEM-Version und der aktuellen Konfiguration. AEM as a Cloud Service wird in Cloud Manager aktiviert; AEM 6.5 (6.5.4.0 und höher) und 6.5 LTS verwenden ein Developer Console-Projekt mit OAuth Server-to-Server-Anmeldedaten.</translation>
    </message>
    <message>
        <source>A Developer Console JWT or Legacy OAuth Gateway configuration no longer works (JWT token exchange stopped when Adobe converted the remaining JWT credentials on 2026-03-01): upgrade it to OAuth Server-to-Server.</source>
        <translation>Eine Developer Console-Konfiguration mit JWT oder eine Legacy OAuth Gateway-Konfiguration funktioniert nicht mehr (der JWT-Token-Austausch endete, als Adobe am 2026-03-01 die verbliebenen JWT-Anmeldedaten umstellte): Stellen Sie sie auf OAuth Server-to-Server um.</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal</source>
        <translation>Configure AEM Assets with Brand Portal</translation>
    </message>
    <message>
        <source>JWT credentials deprecation in Adobe Developer Console</source>
        <translation>JWT credentials deprecation in Adobe Developer Console</translation>
    </message>
    <message>
        <source>In Adobe Developer Console, open the project with the Brand Portal API and its OAuth Server-to-Server credential, then use Download JSON on the credential page (or the project&apos;s Download all), or copy the client id, client secret, organization id and scopes.</source>
        <translation>Öffnen Sie in der Adobe Developer Console das Projekt mit der Brand Portal API und dessen OAuth Server-to-Server-Anmeldedaten, und verwenden Sie dann Download JSON auf der Seite der Anmeldedaten (oder Download all des Projekts), oder kopieren Sie Client-ID, Client-Secret, Organisations-ID und Scopes.</translation>
    </message>
    <message>
        <source>The client secret is kept only in memory and, if you save a profile, in the OS keychain; it is never written to a file or a log.</source>
        <translation>Das Client-Secret wird nur im Arbeitsspeicher gehalten und, wenn Sie ein Profil speichern, im Schlüsselbund des Betriebssystems; es wird nie in eine Datei oder ein Protokoll geschrieben.</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server implementation</source>
        <translation>OAuth Server-to-Server implementation</translation>
    </message>
    <message>
        <source>Migrating from JWT to OAuth Server-to-Server</source>
        <translation>Migrating from JWT to OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>The credential is checked by asking Adobe IMS for an access token, as AEM will. A rejected client id or secret, a wrong organization or missing scopes are named with what to do.</source>
        <translation>Die Anmeldedaten werden geprüft, indem bei Adobe IMS ein Zugriffstoken angefragt wird, so wie AEM es tun wird. Eine abgelehnte Client-ID oder ein abgelehntes Secret, eine falsche Organisation oder fehlende Scopes werden zusammen mit der Abhilfe benannt.</translation>
    </message>
    <message>
        <source>Behind a TLS-inspecting proxy, IMS may present a certificate this computer does not trust: check its fingerprint with your network team before trusting it.</source>
        <translation>Hinter einem Proxy, der TLS-Verbindungen untersucht, legt IMS möglicherweise ein Zertifikat vor, dem dieser Computer nicht vertraut: Prüfen Sie seinen Fingerabdruck mit Ihrem Netzwerkteam, bevor Sie ihm vertrauen.</translation>
    </message>
    <message>
        <source>Every change the apply would make is listed with its old and new values (secrets shown as ***). Problems that block the apply come first, with what to do.</source>
        <translation>Jede Änderung, die das Anwenden vornehmen würde, wird mit altem und neuem Wert aufgeführt (Geheimnisse als ***). Probleme, die das Anwenden blockieren, stehen zuerst, zusammen mit der Abhilfe.</translation>
    </message>
    <message>
        <source>Nothing has been written yet. A backup of everything listed is saved before the first change.</source>
        <translation>Es wurde noch nichts geschrieben. Vor der ersten Änderung wird eine Sicherung aller aufgeführten Objekte gespeichert.</translation>
    </message>
    <message>
        <source>The steps run in order; each is read back from AEM to verify it. Cancel stops after the step in progress.</source>
        <translation>Die Schritte laufen nacheinander; jeder wird zur Überprüfung aus AEM zurückgelesen. „Abbrechen“ stoppt nach dem laufenden Schritt.</translation>
    </message>
    <message>
        <source>If a step fails, Roll back restores what was there before from the backup, and Retry runs the remaining steps again.</source>
        <translation>Schlägt ein Schritt fehl, stellt „Zurücksetzen“ den vorherigen Zustand aus der Sicherung wieder her, und „Erneut versuchen“ führt die verbleibenden Schritte erneut aus.</translation>
    </message>
    <message>
        <source>The Brand Portal replication agents&apos; Test Connection shows whether AEM can reach the tenant with the new configuration. A failed test names the agent and AEM&apos;s answer.</source>
        <translation>Die Test Connection der Brand Portal-Replikationsagenten zeigt, ob AEM den Mandanten mit der neuen Konfiguration erreicht. Ein fehlgeschlagener Test nennt den Agenten und die Antwort von AEM.</translation>
    </message>
    <message>
        <source>Troubleshoot issues in parallel publishing to Brand Portal</source>
        <translation>Troubleshoot issues in parallel publishing to Brand Portal</translation>
    </message>
    <message>
        <source>Read-only checks of the whole chain: AEM, the IMS configuration, Adobe IMS, the Brand Portal tenant, the agents and their queues. Each failed check says what to do.</source>
        <translation>Nur lesende Prüfungen der gesamten Kette: AEM, IMS-Konfiguration, Adobe IMS, Brand Portal-Mandant, Agenten und ihre Warteschlangen. Jede fehlgeschlagene Prüfung nennt die Abhilfe.</translation>
    </message>
    <message>
        <source>Save report writes one HTML file without secrets that a customer can send to support; Copy summary copies the text version.</source>
        <translation>„Bericht speichern“ schreibt eine HTML-Datei ohne Geheimnisse, die ein Kunde an den Support senden kann; „Zusammenfassung kopieren“ kopiert die Textfassung.</translation>
    </message>
    <message>
        <source>The configured chain is checked end to end without changing it; only the agents&apos; Test Connection is sent. On Cloud Service the page lists the activation checks.</source>
        <translation>Die konfigurierte Kette wird durchgängig geprüft, ohne sie zu ändern; nur die Test Connection der Agenten wird gesendet. Auf Cloud Service listet die Seite die Aktivierungsprüfungen auf.</translation>
    </message>
    <message>
        <source>The summary says what was done and where the backup is. Saving a profile keeps the connection for next time, its secrets in the OS keychain.</source>
        <translation>Die Zusammenfassung zeigt, was erledigt wurde und wo die Sicherung liegt. Wenn Sie ein Profil speichern, bleibt die Verbindung für das nächste Mal erhalten, ihre Geheimnisse im Schlüsselbund des Betriebssystems.</translation>
    </message>
    <message>
        <source>Publish a test asset to Brand Portal from AEM Assets to see the whole path work.</source>
        <translation>Veröffentlichen Sie ein Test-Asset aus AEM Assets in Brand Portal, um zu sehen, dass der gesamte Weg funktioniert.</translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation>Hilfe: %1</translation>
    </message>
    <message>
        <source>Help text</source>
        <translation>Hilfetext</translation>
    </message>
</context>
<context>
    <name>bp::ui::KeyPairDialog</name>
    <message>
        <source>Generating an RSA 2048 key pair…</source>
        <translation>RSA-2048-Schlüsselpaar wird generiert…</translation>
    </message>
    <message>
        <source>Save the private key</source>
        <translation>Privaten Schlüssel speichern</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>Private Schlüssel (*.key *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Generate again</source>
        <translation>Erneut &amp;generieren</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Saved the private key to %1 (readable only by you) and the certificate to %2.</source>
        <translation>Privater Schlüssel unter %1 (nur für Sie lesbar) und Zertifikat unter %2 gespeichert.</translation>
    </message>
    <message>
        <source>The certificate is on the clipboard. Save the private key too: without it the certificate is useless.</source>
        <translation>Das Zertifikat ist in der Zwischenablage. Speichern Sie auch den privaten Schlüssel: Ohne ihn ist das Zertifikat nutzlos.</translation>
    </message>
    <message>
        <source>Key pair generated. Save it before closing this window: Adobe never sees the private key, so it cannot be downloaded again.</source>
        <translation>Schlüsselpaar generiert. Speichern Sie es, bevor Sie dieses Fenster schließen: Adobe sieht den privaten Schlüssel nie, daher kann er nicht erneut heruntergeladen werden.</translation>
    </message>
    <message>
        <source>Certificate valid until %1.</source>
        <translation>Zertifikat gültig bis %1.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256-Fingerabdruck: %1</translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation>Schlüsselpaar generieren</translation>
    </message>
    <message>
        <source>Creates a new RSA 2048 private key and a self-signed certificate for a Service Account (JWT) credential. The private key stays on this computer; only the certificate is uploaded.</source>
        <translation>Erstellt einen neuen privaten RSA-2048-Schlüssel und ein selbstsigniertes Zertifikat für Anmeldedaten vom Typ Service Account (JWT). Der private Schlüssel bleibt auf diesem Computer; nur das Zertifikat wird hochgeladen.</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials: since 2025-06-30 Developer Console no longer accepts new certificates for them. Use this only if your credential still accepts a certificate, and plan the move to OAuth Server-to-Server.</source>
        <translation>Adobe hat JWT-Anmeldedaten eingestellt: Seit 2025-06-30 akzeptiert die Developer Console keine neuen Zertifikate mehr dafür. Verwenden Sie diese Funktion nur, wenn Ihre Anmeldedaten noch ein Zertifikat akzeptieren, und planen Sie die Umstellung auf OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation>Gül&amp;tig für:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Upload the certificate to the credential in Adobe Developer Console (Credential details → Public keys → Upload public key), then use the saved private key in this wizard.</source>
        <translation>Laden Sie das Zertifikat zu den Anmeldedaten in der Adobe Developer Console hoch (Credential details → Public keys → Upload public key), und verwenden Sie dann den gespeicherten privaten Schlüssel in diesem Assistenten.</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>&amp;Copy certificate</source>
        <translation>Zertifikat &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>bp::ui::ProfilesDialog</name>
    <message>
        <source>These saved connections were written by a newer bpsetup and cannot be changed here.</source>
        <translation>Diese gespeicherten Verbindungen wurden von einer neueren bpsetup-Version geschrieben und können hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>Rename saved connection</source>
        <translation>Gespeicherte Verbindung umbenennen</translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation>Neuer Name für „%1“:</translation>
    </message>
    <message>
        <source>Renaming &quot;%1&quot; …</source>
        <translation>„%1“ wird umbenannt …</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;; its keychain entries moved with it.</source>
        <translation>„%1“ in „%2“ umbenannt; die Schlüsselbund-Einträge wurden übernommen.</translation>
    </message>
    <message>
        <source>Delete saved connection</source>
        <translation>Gespeicherte Verbindung löschen</translation>
    </message>
    <message>
        <source>Delete the saved connection &quot;%1&quot;?</source>
        <translation>Gespeicherte Verbindung „%1“ löschen?</translation>
    </message>
    <message>
        <source>Its passwords and secrets in the keychain are deleted too. Nothing changes on AEM or in Developer Console.</source>
        <translation>Die zugehörigen Passwörter und Geheimnisse im Schlüsselbund werden ebenfalls gelöscht. In AEM und in der Developer Console ändert sich nichts.</translation>
    </message>
    <message>
        <source>Deleting &quot;%1&quot; and its keychain entries …</source>
        <translation>„%1“ und die zugehörigen Schlüsselbund-Einträge werden gelöscht …</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot; and its keychain entries.</source>
        <translation>„%1“ und die zugehörigen Schlüsselbund-Einträge gelöscht.</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>Gespeicherte Verbindungen</translation>
    </message>
    <message>
        <source>&amp;Saved connections. Their passwords and secrets are in the system keychain.</source>
        <translation>Ge&amp;speicherte Verbindungen. Ihre Passwörter und Geheimnisse liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>no address saved</source>
        <translation>keine Adresse gespeichert</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>version %1 when last used</source>
        <translation>Version %1 bei der letzten Verwendung</translation>
    </message>
    <message>
        <source>none saved</source>
        <translation>keine gespeichert</translation>
    </message>
    <message>
        <source>%1, client ID %2</source>
        <translation>%1, Client-ID %2</translation>
    </message>
    <message>
        <source>Asking the keychain …</source>
        <translation>Schlüsselbund wird abgefragt …</translation>
    </message>
    <message>
        <source>Could not ask %1: %2</source>
        <translation>%1 konnte nicht abgefragt werden: %2</translation>
    </message>
    <message>
        <source>%1 holds nothing for this connection.</source>
        <translation>%1 enthält nichts für diese Verbindung.</translation>
    </message>
    <message>
        <source>%1 holds: %2.</source>
        <translation>%1 enthält: %2.</translation>
    </message>
    <message>
        <source>No AEM password or token: it is asked for when the connection is used.</source>
        <translation>Kein AEM-Passwort und kein Token: Es wird abgefragt, wenn die Verbindung verwendet wird.</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Anmeldedaten:</translation>
    </message>
    <message>
        <source>Keychain:</source>
        <translation>Schlüsselbund:</translation>
    </message>
</context>
<context>
    <name>bp::ui::ReviewPage</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Reading the instance was cancelled. Nothing was changed on AEM.</source>
        <translation>Das Lesen der Instanz wurde abgebrochen. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Click Retry to read it again, or Back to change the inputs.</source>
        <translation>Klicken Sie auf „Erneut versuchen“, um sie erneut zu lesen, oder auf „Zurück“, um die Eingaben zu ändern.</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS … Nothing is changed on this page.</source>
        <translation>%1 wird gelesen, die Anmeldedaten werden bei Adobe IMS geprüft … Auf dieser Seite wird nichts geändert.</translation>
    </message>
    <message>
        <source>The plan could not be made. Nothing was changed on AEM.</source>
        <translation>Der Plan konnte nicht erstellt werden. In AEM wurde nichts geändert.</translation>
    </message>
    <message>
        <source>This configuration cannot be applied yet.</source>
        <translation>Diese Konfiguration kann noch nicht angewendet werden.</translation>
    </message>
    <message>
        <source>Do what is listed under &quot;Before anything can change&quot;, then come back here (Back, then Next) to review again.</source>
        <translation>Erledigen Sie, was unter „Bevor sich etwas ändern kann“ aufgeführt ist, und kehren Sie dann hierher zurück („Zurück“, dann „Weiter“), um erneut zu prüfen.</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Nichts zu tun.</translation>
    </message>
    <message>
        <source>The configuration is already in place; Apply changes nothing.</source>
        <translation>Die Konfiguration ist bereits vorhanden; „Änderungen anwenden“ ändert nichts.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) will be made on AEM.</source>
        <translation>
            <numerusform>%n Änderung wird in AEM vorgenommen.</numerusform>
            <numerusform>%n Änderungen werden in AEM vorgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check them, then click Apply. Nothing has been changed yet.</source>
        <translation>Prüfen Sie sie, und klicken Sie dann auf „Änderungen anwenden“. Es wurde noch nichts geändert.</translation>
    </message>
    <message>
        <source>Before anything can change</source>
        <translation>Bevor sich etwas ändern kann</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Abhilfe:</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Changes on %1</source>
        <translation>Änderungen auf %1</translation>
    </message>
    <message>
        <source>Nothing to do: every object is already as it should be.</source>
        <translation>Nichts zu tun: Jedes Objekt ist bereits wie gewünscht.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Before the first change, the current state of every object above is saved (readable only by you) in a new folder under:</source>
        <translation>Vor der ersten Änderung wird der aktuelle Zustand jedes oben genannten Objekts (nur für Sie lesbar) in einem neuen Ordner gespeichert unter:</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>Änderungen prüfen</translation>
    </message>
    <message>
        <source>What Apply will change on AEM, object by object. Nothing is written before you click Apply.</source>
        <translation>Was „Änderungen anwenden“ in AEM ändern wird, Objekt für Objekt. Bevor Sie auf „Änderungen anwenden“ klicken, wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Apply changes</source>
        <translation>Änderungen &amp;anwenden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop reading the instance</source>
        <translation>Lesen der Instanz abbrechen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>E&amp;rneut versuchen</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Also re&amp;move the JWT key alias from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair)</source>
        <translation>Auch den JWT-Schlüsselalias aus dem Keystore des Dienstbenutzers &amp;entfernen (zuvor gesichert; OAuth Server-to-Server benötigt kein Schlüsselpaar)</translation>
    </message>
    <message>
        <source>Also remove the JWT key alias</source>
        <translation>Auch den JWT-Schlüsselalias entfernen</translation>
    </message>
    <message>
        <source>Adds a last step that removes the key alias the JWT configuration used. Rollback brings it back.</source>
        <translation>Fügt einen letzten Schritt hinzu, der den von der JWT-Konfiguration verwendeten Schlüsselalias entfernt. Das Zurücksetzen stellt ihn wieder her.</translation>
    </message>
    <message>
        <source>Waiting up to %1 minutes for the Brand Portal agents&apos; queues to drain … Nothing is changed; Cancel stops waiting.</source>
        <translation>Bis zu %1 Minuten wird gewartet, bis sich die Warteschlangen der Brand Portal-Agenten geleert haben … Es wird nichts geändert; „Abbrechen“ beendet das Warten.</translation>
    </message>
    <message>
        <source>&amp;Wait for the queues to drain (up to %1 minutes)</source>
        <translation>Auf das &amp;Leeren der Warteschlangen warten (bis zu %1 Minuten)</translation>
    </message>
    <message>
        <source>Reads the queues again every few seconds until every queued item is delivered; nothing is changed meanwhile.</source>
        <translation>Liest die Warteschlangen alle paar Sekunden erneut, bis jedes Element zugestellt ist; währenddessen wird nichts geändert.</translation>
    </message>
    <message>
        <source>The changes Apply will make</source>
        <translation>Die Änderungen, die beim Anwenden vorgenommen werden</translation>
    </message>
    <message>
        <source>What each change writes, object by object, with the value before and after.</source>
        <translation>Was jede Änderung schreibt, Objekt für Objekt, mit dem Wert vorher und nachher.</translation>
    </message>
</context>
<context>
    <name>bp::ui::RoutePage</name>
    <message>
        <source>AEM Assets as a Cloud Service</source>
        <translation>AEM Assets as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM 6.5 (6.5.4.0 and above), on-premise or managed service</source>
        <translation>AEM 6.5 (6.5.4.0 und höher), On-Premise oder Managed Service</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS (6.6.x), on-premise or managed service</source>
        <translation>AEM 6.5 LTS (6.6.x), On-Premise oder Managed Service</translation>
    </message>
    <message>
        <source>Activate Brand Portal (Cloud Manager)</source>
        <translation>Brand Portal aktivieren (Cloud Manager)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Create configuration (Developer Console, IMS token)</source>
        <translation>Konfiguration erstellen (Developer Console, IMS-Token)</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>Konfiguration umstellen</translation>
    </message>
    <message>
        <source>Create configuration (OAuth Server-to-Server only)</source>
        <translation>Konfiguration erstellen (nur OAuth Server-to-Server)</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>New configuration</source>
        <translation>Neue Konfiguration</translation>
    </message>
    <message>
        <source>◀ recommended</source>
        <translation>◀ empfohlen</translation>
    </message>
    <message>
        <source>(your instance: %1)</source>
        <translation>(Ihre Instanz: %1)</translation>
    </message>
    <message>
        <source>(your instance)</source>
        <translation>(Ihre Instanz)</translation>
    </message>
    <message>
        <source>What was detected on %1</source>
        <translation>Auf %1 erkannt</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Bereitstellung:</translation>
    </message>
    <message>
        <source>Cloud Service</source>
        <translation>Cloud Service</translation>
    </message>
    <message>
        <source>(chosen manually)</source>
        <translation>(manuell gewählt)</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>supported natively</source>
        <translation>nativ unterstützt</translation>
    </message>
    <message>
        <source>supported (hotfix %1 installed)</source>
        <translation>unterstützt (Hotfix %1 installiert)</translation>
    </message>
    <message>
        <source>needs the hotfix %1</source>
        <translation>benötigt den Hotfix %1</translation>
    </message>
    <message>
        <source>not available on this version</source>
        <translation>in dieser Version nicht verfügbar</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server:</source>
        <translation>OAuth Server-to-Server:</translation>
    </message>
    <message>
        <source>, tenant %1</source>
        <translation>, Mandant %1</translation>
    </message>
    <message>
        <source>Brand Portal configuration:</source>
        <translation>Brand Portal-Konfiguration:</translation>
    </message>
    <message>
        <source>Configuration found at:</source>
        <translation>Konfiguration gefunden unter:</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>nichts gefunden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>✓ %1: %2</source>
        <translation>✓ %1: %2</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1: %2</translation>
    </message>
    <message>
        <source>Version sources:</source>
        <translation>Versionsquellen:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Sources that disagree:</source>
        <translation>Widersprüchliche Quellen:</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>Weg: %1</translation>
    </message>
    <message>
        <source>Before you continue:</source>
        <translation>Bevor Sie fortfahren:</translation>
    </message>
    <message>
        <source>Brand Portal cannot be set up on this instance until AEM is upgraded.</source>
        <translation>Brand Portal kann auf dieser Instanz erst eingerichtet werden, wenn AEM aktualisiert ist.</translation>
    </message>
    <message>
        <source>Upgrade to: %1</source>
        <translation>Aktualisieren auf: %1</translation>
    </message>
    <message>
        <source>The route cannot be chosen because the AEM version is not known.</source>
        <translation>Der Weg kann nicht gewählt werden, weil die AEM-Version nicht bekannt ist.</translation>
    </message>
    <message>
        <source>Go back and choose the version manually, for example after checking it in the AEM &quot;About Adobe Experience Manager&quot; dialog.</source>
        <translation>Gehen Sie zurück, und wählen Sie die Version manuell, zum Beispiel nachdem Sie sie im AEM-Dialog „About Adobe Experience Manager“ geprüft haben.</translation>
    </message>
    <message>
        <source>Supported versions: %1.</source>
        <translation>Unterstützte Versionen: %1.</translation>
    </message>
    <message>
        <source>You can still continue to diagnose the existing setup.</source>
        <translation>Sie können dennoch fortfahren, um die bestehende Einrichtung zu diagnostizieren.</translation>
    </message>
    <message>
        <source>To look at the existing setup anyway, go back to the first page and choose &quot;Diagnose an existing setup&quot;.</source>
        <translation>Um die bestehende Einrichtung trotzdem anzusehen, gehen Sie zurück zur ersten Seite, und wählen Sie „Bestehende Einrichtung diagnostizieren“.</translation>
    </message>
    <message>
        <source>Setup route</source>
        <translation>Einrichtungsweg</translation>
    </message>
    <message>
        <source>Which way of connecting Brand Portal applies to this AEM instance.</source>
        <translation>Welcher Weg zur Anbindung von Brand Portal für diese AEM-Instanz gilt.</translation>
    </message>
    <message>
        <source>Brand Portal setup routes. Your instance&apos;s row is highlighted and the route that applies is marked &quot;recommended&quot;.</source>
        <translation>Einrichtungswege für Brand Portal. Die Zeile Ihrer Instanz ist hervorgehoben, und der zutreffende Weg ist als „empfohlen“ markiert.</translation>
    </message>
    <message>
        <source>&amp;Choose the version manually…</source>
        <translation>&amp;Version manuell wählen…</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Choose the OAuth compatibility hotfix package</source>
        <translation>OAuth-Kompatibilitäts-Hotfix-Paket auswählen</translation>
    </message>
    <message>
        <source>Content packages (*.zip);;All files (*)</source>
        <translation>Inhaltspakete (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>What must happen first:</source>
        <translation>Was zuerst geschehen muss:</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Download page at Adobe Software Distribution</source>
        <translation>Download-Seite bei Adobe Software Distribution</translation>
    </message>
    <message>
        <source>&amp;Hotfix package…</source>
        <translation>Hotfix-&amp;Paket…</translation>
    </message>
    <message>
        <source>The %1 you downloaded from Adobe&apos;s Software Distribution: apply installs it first, through Package Manager.</source>
        <translation>Die Datei %1, die Sie von Adobe Software Distribution heruntergeladen haben: apply installiert sie zuerst über den Package Manager.</translation>
    </message>
    <message>
        <source>Brand Portal &amp;tenant:</source>
        <translation>Brand Portal-&amp;Mandant:</translation>
    </message>
    <message>
        <source>The tenant name, or its address https://&lt;tenant&gt;.brand-portal.adobe.com.</source>
        <translation>Der Name des Mandanten oder seine Adresse https://&lt;tenant&gt;.brand-portal.adobe.com.</translation>
    </message>
    <message>
        <source>or choose the %1 you downloaded: apply then installs it first.</source>
        <translation>oder wählen Sie die heruntergeladene Datei %1: apply installiert sie dann zuerst.</translation>
    </message>
    <message>
        <source>✖ blocked: see below</source>
        <translation>✖ blockiert: siehe unten</translation>
    </message>
    <message>
        <source>(recommended)</source>
        <translation>(empfohlen)</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Vorgehen</translation>
    </message>
    <message>
        <source>Problems found:</source>
        <translation>Gefundene Probleme:</translation>
    </message>
</context>
<context>
    <name>bp::ui::SetupWizard</name>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Brand Portal-Einrichtung</translation>
    </message>
    <message>
        <source>The demo simulator could not be started: %1</source>
        <translation>Der Demo-Simulator konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Brand Portal Setup — Demo mode — connected to the built-in simulator</source>
        <translation>Brand Portal-Einrichtung — Demomodus — mit dem eingebauten Simulator verbunden</translation>
    </message>
    <message>
        <source>unknown fail step &quot;%1&quot; (known: %2).</source>
        <translation>unbekannter Fehlerschritt „%1“ (bekannt: %2).</translation>
    </message>
    <message>
        <source>--demo-queue-items takes a number from 0 to 1000, not &quot;%1&quot;.</source>
        <translation>--demo-queue-items erwartet eine Zahl von 0 bis 1000, nicht „%1“.</translation>
    </message>
    <message>
        <source>the demo&apos;s memory (forgotten when it closes)</source>
        <translation>Demo-Speicher (wird beim Schließen vergessen)</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Einrichtungsweg</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validieren</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Änderungen prüfen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Close Brand Portal Setup?</source>
        <translation>Brand Portal-Einrichtung schließen?</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Bleiben</translation>
    </message>
    <message>
        <source>The configuration was applied to AEM and stays there; closing now skips the remaining steps (tests, saving the connection). Roll back later with bpsetup rollback if needed.</source>
        <translation>Die Konfiguration wurde in AEM angewendet und bleibt dort; wenn Sie jetzt schließen, werden die restlichen Schritte (Tests, Speichern der Verbindung) übersprungen. Setzen Sie sie bei Bedarf später mit bpsetup rollback zurück.</translation>
    </message>
    <message>
        <source>The credential was checked, but nothing was applied to AEM yet. Closing forgets the credential and what you typed.</source>
        <translation>Die Anmeldedaten wurden geprüft, aber in AEM wurde noch nichts angewendet. Beim Schließen werden die Anmeldedaten und Ihre Eingaben verworfen.</translation>
    </message>
    <message>
        <source>The previous step; nothing you entered is lost.</source>
        <translation>Der vorherige Schritt; Ihre Eingaben gehen nicht verloren.</translation>
    </message>
    <message>
        <source>The next step, once this one is complete.</source>
        <translation>Der nächste Schritt, sobald dieser abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Writes the reviewed changes to AEM, with a backup first.</source>
        <translation>Schreibt die geprüften Änderungen in AEM; vorher wird eine Sicherung gespeichert.</translation>
    </message>
    <message>
        <source>Saves the connection if chosen, and closes the wizard.</source>
        <translation>Speichert die Verbindung, falls gewählt, und schließt den Assistenten.</translation>
    </message>
    <message>
        <source>Closes the wizard; asks first when work would be lost.</source>
        <translation>Schließt den Assistenten; fragt vorher nach, wenn Arbeit verloren ginge.</translation>
    </message>
    <message>
        <source>Explains this step, with links to Adobe&apos;s documentation (F1).</source>
        <translation>Erklärt diesen Schritt, mit Links zur Dokumentation von Adobe (F1).</translation>
    </message>
</context>
<context>
    <name>bp::ui::StepList</name>
    <message>
        <source>current step</source>
        <translation>aktueller Schritt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>to come</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation>Schritt %1 von %2: %3, %4</translation>
    </message>
</context>
<context>
    <name>bp::ui::TestPage</name>
    <message>
        <source>Test Connection</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
Abhilfe: %2</translation>
    </message>
    <message>
        <source>The apply run reported no tests.</source>
        <translation>Der apply-Lauf hat keine Tests gemeldet.</translation>
    </message>
    <message>
        <source>Check the Brand Portal replication agents in AEM (Tools › Deployment › Replication › Agents on author): Test Connection should succeed and the queue be idle.</source>
        <translation>Prüfen Sie die Brand Portal-Replikationsagenten in AEM (Tools › Deployment › Replication › Agents on author): Test Connection sollte erfolgreich sein und die Warteschlange leer.</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed: AEM can publish to Brand Portal.</source>
        <translation>
            <numerusform>%n Test bestanden: AEM kann in Brand Portal veröffentlichen.</numerusform>
            <numerusform>Alle %n Tests bestanden: AEM kann in Brand Portal veröffentlichen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 test(s) did not pass.</source>
        <translation>
            <numerusform>%n von %1 Tests wurde nicht bestanden.</numerusform>
            <numerusform>%n von %1 Tests wurden nicht bestanden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Whether AEM can publish to Brand Portal: each replication agent&apos;s connection and queue.</source>
        <translation>Ob AEM in Brand Portal veröffentlichen kann: Verbindung und Warteschlange jedes Replikationsagenten.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Each replication agent&apos;s connection test and queue, with the result.</source>
        <translation>Verbindungstest und Warteschlange jedes Replikationsagenten, mit dem Ergebnis.</translation>
    </message>
</context>
<context>
    <name>bp::ui::ValidatePage</name>
    <message>
        <source>Go back to the previous page to choose the key or enter its passphrase.</source>
        <translation>Gehen Sie zur vorherigen Seite zurück, um den Schlüssel zu wählen oder seine Passphrase einzugeben.</translation>
    </message>
    <message>
        <source>Contacting Adobe IMS at %1 …</source>
        <translation>Adobe IMS unter %1 wird kontaktiert …</translation>
    </message>
    <message>
        <source>Validation cancelled. Nothing was sent to AEM.</source>
        <translation>Validierung abgebrochen. An AEM wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>; secret %1 of %2 accepted</source>
        <translation>; Secret %1 von %2 akzeptiert</translation>
    </message>
    <message>
        <source>The credential is valid.</source>
        <translation>Die Anmeldedaten sind gültig.</translation>
    </message>
    <message>
        <source>The first secret was refused: delete it in Developer Console once nothing uses it any more.</source>
        <translation>Das erste Secret wurde abgelehnt: Löschen Sie es in der Developer Console, sobald es nirgends mehr verwendet wird.</translation>
    </message>
    <message>
        <source>Validation cancelled.</source>
        <translation>Validierung abgebrochen.</translation>
    </message>
    <message>
        <source>The credential could not be checked.</source>
        <translation>Die Anmeldedaten konnten nicht geprüft werden.</translation>
    </message>
    <message>
        <source>IMS answer: %1</source>
        <translation>Antwort von IMS: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Beschreibung: %1</translation>
    </message>
    <message>
        <source>Debug id for Adobe support: %1</source>
        <translation>Debug-ID für den Adobe-Support: %1</translation>
    </message>
    <message>
        <source>This answer did not come from Adobe IMS deciding on the credential; the credential may still be fine.</source>
        <translation>Diese Antwort beruht nicht auf einer Entscheidung von Adobe IMS über die Anmeldedaten; die Anmeldedaten können trotzdem in Ordnung sein.</translation>
    </message>
    <message>
        <source>Continue without validation</source>
        <translation>Ohne Validierung fortfahren</translation>
    </message>
    <message>
        <source>Why can the credential not be validated now? The reason is written to the log.</source>
        <translation>Warum können die Anmeldedaten jetzt nicht validiert werden? Der Grund wird ins Protokoll geschrieben.</translation>
    </message>
    <message>
        <source>Continuing without validation (reason: %1). Test the connection after the configuration is applied.</source>
        <translation>Fortfahren ohne Validierung (Grund: %1). Testen Sie die Verbindung, nachdem die Konfiguration angewendet wurde.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Technical account</source>
        <translation>Technisches Konto</translation>
    </message>
    <message>
        <source>Metascopes</source>
        <translation>Metascopes</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <source>two (rotation): IMS is asked with the first, then the second</source>
        <translation>zwei (Rotation): IMS wird zuerst mit dem ersten, dann mit dem zweiten angefragt</translation>
    </message>
    <message>
        <source>one</source>
        <translation>eines</translation>
    </message>
    <message>
        <source> — ending in %1</source>
        <translation> — endet auf %1</translation>
    </message>
    <message>
        <source>Client secrets</source>
        <translation>Client-Secrets</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>held by AEM</source>
        <translation>liegt in AEM</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Validate credentials</source>
        <translation>Anmeldedaten validieren</translation>
    </message>
    <message>
        <source>Ask Adobe IMS for a token with these credentials before anything is changed on AEM. The token is thrown away.</source>
        <translation>Mit diesen Anmeldedaten wird bei Adobe IMS ein Token angefragt, bevor in AEM etwas geändert wird. Das Token wird verworfen.</translation>
    </message>
    <message>
        <source>AEM generated this credential&apos;s key pair, so its private key exists only inside AEM and cannot be used to validate from here. AEM&apos;s own IMS health check tests the credential after the configuration is applied. Click Next to continue.</source>
        <translation>AEM hat das Schlüsselpaar dieser Anmeldedaten generiert, daher existiert der private Schlüssel nur in AEM und kann hier nicht zur Validierung verwendet werden. Die eigene IMS-Zustandsprüfung von AEM testet die Anmeldedaten, nachdem die Konfiguration angewendet wurde. Klicken Sie auf „Weiter“, um fortzufahren.</translation>
    </message>
    <message>
        <source>&amp;Validate with Adobe IMS</source>
        <translation>Mit Adobe IMS &amp;validieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop validating</source>
        <translation>Validierung abbrechen</translation>
    </message>
    <message>
        <source>C&amp;ontinue without validation (support staff working offline)</source>
        <translation>&amp;Ohne Validierung fortfahren (Support-Mitarbeitende, die offline arbeiten)</translation>
    </message>
    <message>
        <source>IMS issued a %1 token valid for %2</source>
        <translation>IMS hat ein %1-Token ausgestellt, gültig für %2</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from Adobe&apos;s by %1; synchronise it (NTP).</source>
        <translation>Die Uhr dieses Computers weicht um %1 von der Zeit bei Adobe ab; synchronisieren Sie sie (NTP).</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>Dem Zertifikat wird nur für diese Sitzung vertraut, weil es nicht gespeichert werden konnte: %1</translation>
    </message>
    <message>
        <source>IMS answer: %1 (%2)</source>
        <translation>Antwort von IMS: %1 (%2)</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted.</source>
        <translation>Das Zertifikat von %1 ist nicht vertrauenswürdig.</translation>
    </message>
    <message>
        <source>Continued without validating the credential with client ID %1 for %2; reason: %3.</source>
        <translation>Ohne Validierung der Anmeldedaten mit der Client-ID %1 für %2 fortgefahren; Grund: %3.</translation>
    </message>
    <message>
        <source>Adobe IMS had rejected it: %1</source>
        <translation>Adobe IMS hatte sie abgelehnt: %1</translation>
    </message>
    <message>
        <source>The last check had said: %1</source>
        <translation>Die letzte Prüfung hatte ergeben: %1</translation>
    </message>
    <message>
        <source>Adobe IMS rejected this credential; continuing without validation (reason: %1). Publishing to Brand Portal will fail until the credential is fixed.</source>
        <translation>Adobe IMS hat diese Anmeldedaten abgelehnt; Fortfahren ohne Validierung (Grund: %1). Das Veröffentlichen in Brand Portal schlägt fehl, bis die Anmeldedaten korrigiert sind.</translation>
    </message>
    <message>
        <source>The reason is recorded in %1.</source>
        <translation>Der Grund ist in %1 protokolliert.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Asks Adobe IMS for a token with this credential; nothing is sent to AEM.</source>
        <translation>Fragt mit diesen Anmeldedaten bei Adobe IMS ein Token an; an AEM wird nichts gesendet.</translation>
    </message>
    <message>
        <source>For support staff without access to Adobe IMS: asks for a reason, which is recorded.</source>
        <translation>Für Support-Mitarbeitende ohne Zugang zu Adobe IMS: fragt nach einem Grund, der protokolliert wird.</translation>
    </message>
</context>
<context>
    <name>bp::ui::VerifyPage</name>
    <message>
        <source>Verifying %1: reading the configuration, testing the agents…</source>
        <translation>%1 wird überprüft: Konfiguration wird gelesen, Agenten werden getestet…</translation>
    </message>
    <message>
        <source>&amp;Cancel verification</source>
        <translation>Überprüfung abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation>Erneut über&amp;prüfen</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager:</source>
        <translation>Brand Portal in Cloud Manager aktivieren:</translation>
    </message>
    <message>
        <source>bpsetup writes nothing on AEM as a Cloud Service. When Cloud Manager shows &quot;Activated&quot;, verify what activation created.</source>
        <translation>bpsetup schreibt nichts in AEM as a Cloud Service. Sobald Cloud Manager „Activated“ anzeigt, überprüfen Sie, was die Aktivierung erstellt hat.</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Überprüfung abgebrochen.</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>AEM konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
Abhilfe: %2</translation>
    </message>
    <message>
        <source>%1 of %2 checks failed; the first failing link: %3.</source>
        <translation>%1 von %2 Prüfungen fehlgeschlagen; erstes fehlerhaftes Glied: %3.</translation>
    </message>
    <message>
        <source>Every link of the Brand Portal connection passed its check.</source>
        <translation>Jedes Glied der Brand Portal-Verbindung hat seine Prüfung bestanden.</translation>
    </message>
    <message>
        <source>Activate Brand Portal and verify</source>
        <translation>Brand Portal aktivieren und überprüfen</translation>
    </message>
    <message>
        <source>Verify the configuration</source>
        <translation>Konfiguration überprüfen</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Cloud Manager creates the configuration; bpsetup checks what activation created.</source>
        <translation>AEM as a Cloud Service: Cloud Manager erstellt die Konfiguration; bpsetup prüft, was die Aktivierung erstellt hat.</translation>
    </message>
    <message>
        <source>The configured chain end to end: IMS configuration, cloud configuration, agents and their queues. Nothing is changed.</source>
        <translation>Die konfigurierte Kette durchgängig: IMS-Konfiguration, Cloud-Konfiguration, Agenten und ihre Warteschlangen. Es wird nichts geändert.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>Jetzt über&amp;prüfen</translation>
    </message>
    <message>
        <source>Reads the configuration and runs each agent&apos;s Test Connection; changes nothing.</source>
        <translation>Liest die Konfiguration und führt die Test Connection jedes Agenten aus; ändert nichts.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Each check of the configured chain with its result and what was read.</source>
        <translation>Jede Prüfung der konfigurierten Kette mit ihrem Ergebnis und dem, was gelesen wurde.</translation>
    </message>
</context>
<context>
    <name>bp::ui::WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Connect Adobe Experience Manager Assets to Adobe Brand Portal.</source>
        <translation>Verbinden Sie Adobe Experience Manager Assets mit Adobe Brand Portal.</translation>
    </message>
    <message>
        <source>This tool connects to your AEM author instance, finds out which AEM version and deployment it is and how Brand Portal is configured today, and then tells you which setup route applies: activating Brand Portal in Cloud Manager, creating a new configuration, or upgrading an existing one.</source>
        <translation>Dieses Tool verbindet sich mit Ihrer AEM-Author-Instanz, ermittelt AEM-Version und Bereitstellungsart sowie die aktuelle Brand Portal-Konfiguration und zeigt Ihnen dann den passenden Einrichtungsweg: Brand Portal in Cloud Manager aktivieren, eine neue Konfiguration erstellen oder eine bestehende umstellen.</translation>
    </message>
    <message>
        <source>Connecting and detecting only reads from AEM. Nothing is changed until you review and confirm the changes in a later step.</source>
        <translation>Verbinden und Erkennen lesen nur aus AEM. Es wird nichts geändert, bis Sie die Änderungen in einem späteren Schritt geprüft und bestätigt haben.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo mode&lt;/b&gt; — connected to the built-in simulator. No real AEM instance or Adobe account is used; the connection details are already filled in.</source>
        <translation>&lt;b&gt;Demomodus&lt;/b&gt; — mit dem eingebauten Simulator verbunden. Es werden keine echte AEM-Instanz und kein Adobe-Konto verwendet; die Verbindungsdaten sind bereits ausgefüllt.</translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation>Was möchten Sie tun?</translation>
    </message>
    <message>
        <source>&amp;Set up Brand Portal</source>
        <translation>Brand Portal &amp;einrichten</translation>
    </message>
    <message>
        <source>Create a new Brand Portal configuration or upgrade an existing one.</source>
        <translation>Eine neue Brand Portal-Konfiguration erstellen oder eine bestehende umstellen.</translation>
    </message>
    <message>
        <source>&amp;Diagnose an existing setup</source>
        <translation>Bestehende Einrichtung &amp;diagnostizieren</translation>
    </message>
    <message>
        <source>Check an existing Brand Portal configuration and explain what is wrong.</source>
        <translation>Eine bestehende Brand Portal-Konfiguration prüfen und erklären, was nicht stimmt.</translation>
    </message>
    <message>
        <source>Create or upgrade the Brand Portal configuration of an AEM author.</source>
        <translation>Brand Portal-Konfiguration einer AEM-Author-Instanz erstellen oder umstellen.</translation>
    </message>
    <message>
        <source>Read-only checks of an existing connection, with a report for support.</source>
        <translation>Nur lesende Prüfungen einer bestehenden Verbindung, mit einem Bericht für den Support.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>bpsetup: no display found, so the wizard cannot open. Run it on a desktop session, or use the headless commands (bpsetup --help).</source>
        <translation>bpsetup: Keine Anzeige gefunden, daher kann der Assistent nicht geöffnet werden. Führen Sie ihn in einer Desktop-Sitzung aus, oder verwenden Sie die Befehle ohne Oberfläche (bpsetup --help).</translation>
    </message>
    <message>
        <source>bpsetup: unknown language &quot;%1&quot; for --lang. Use a code such as de, en, fr or ja.</source>
        <translation>bpsetup: Unbekannte Sprache „%1“ für --lang. Verwenden Sie einen Code wie de, en, fr oder ja.</translation>
    </message>
</context>
</TS>
