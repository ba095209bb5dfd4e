<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AemParsers</name>
    <message>
        <source>The package list is not the XML AEM&apos;s Package Manager sends.</source>
        <translation>La liste des packages n&apos;est pas le XML qu&apos;envoie le Package Manager d&apos;AEM.</translation>
    </message>
</context>
<context>
    <name>AemRestorer</name>
    <message>
        <source>This version of bpsetup cannot restore objects of the kind &quot;%1&quot;.</source>
        <translation>Cette version de bpsetup ne peut pas restaurer les objets de type « %1 ».</translation>
    </message>
    <message>
        <source>Restore %1 by hand from the backup folder, or use the bpsetup version that made the backup.</source>
        <translation>Restaurez %1 manuellement à partir du dossier de sauvegarde, ou utilisez la version de bpsetup qui a créé la sauvegarde.</translation>
    </message>
    <message>
        <source>Removing the configuration %1</source>
        <translation>Suppression de la configuration %1</translation>
    </message>
    <message>
        <source>The backup of %1 does not say where its file was.</source>
        <translation>La sauvegarde de %1 n&apos;indique pas où se trouvait son fichier.</translation>
    </message>
    <message>
        <source>Restoring the configuration %1</source>
        <translation>Restauration de la configuration %1</translation>
    </message>
    <message>
        <source>The configuration %1 is restored without its client secret: it was stored in clear text, and a backup never holds a clear-text secret.</source>
        <translation>La configuration %1 est restaurée sans son secret client : il était stocké en clair, et une sauvegarde ne contient jamais de secret en clair.</translation>
    </message>
    <message>
        <source>Enter the client secret again in Tools › Security › Adobe IMS Configurations.</source>
        <translation>Saisissez à nouveau le secret client dans Tools › Security › Adobe IMS Configurations.</translation>
    </message>
    <message>
        <source>Restoring the properties of %1</source>
        <translation>Restauration des propriétés de %1</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Suppression de %1</translation>
    </message>
    <message>
        <source>The backup %1 has no content package, so %2 cannot be brought back.</source>
        <translation>La sauvegarde %1 ne contient pas de package de contenu : %2 ne peut donc pas être restauré.</translation>
    </message>
    <message>
        <source>Restore %1 from a repository backup of the instance.</source>
        <translation>Restaurez %1 à partir d&apos;une sauvegarde du référentiel de l&apos;instance.</translation>
    </message>
    <message>
        <source>Looking for the backup package</source>
        <translation>Recherche du package de sauvegarde</translation>
    </message>
    <message>
        <source>No backup folder.</source>
        <translation>Aucun dossier de sauvegarde.</translation>
    </message>
    <message>
        <source>The backup package is neither on the instance nor in the backup folder: %1</source>
        <translation>Le package de sauvegarde ne se trouve ni sur l&apos;instance ni dans le dossier de sauvegarde : %1</translation>
    </message>
    <message>
        <source>Uploading the backup package</source>
        <translation>Chargement du package de sauvegarde</translation>
    </message>
    <message>
        <source>Installing the backup package %1</source>
        <translation>Installation du package de sauvegarde %1</translation>
    </message>
    <message>
        <source>Removing the backup package %1</source>
        <translation>Suppression du package de sauvegarde %1</translation>
    </message>
</context>
<context>
    <name>AemSession</name>
    <message>
        <source>AEM or a dispatcher in front of it does not offer %1: allow it, or connect to the author directly.</source>
        <translation>AEM, ou un dispatcher placé devant, ne propose pas %1 : autorisez-le, ou connectez-vous directement à l&apos;instance de création.</translation>
    </message>
    <message>
        <source>The AEM user needs write access to %1 (use an administrator).</source>
        <translation>L&apos;utilisateur AEM doit disposer d&apos;un accès en écriture à %1 (utilisez un administrateur).</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for this request, then run again.</source>
        <translation>Consultez le fichier error.log d&apos;AEM pour cette requête, puis relancez.</translation>
    </message>
    <message>
        <source>%1: AEM answered %2.</source>
        <translation>%1 : AEM a répondu %2.</translation>
    </message>
</context>
<context>
    <name>AgentsStep</name>
    <message>
        <source>Reading the replication agents</source>
        <translation>Lecture des agents de réplication</translation>
    </message>
    <message>
        <source>Brand Portal replication agents</source>
        <translation>Agents de réplication Brand Portal</translation>
    </message>
    <message>
        <source>AEM creates %1 agents for the tenant when the cloud configuration is saved; bpsetup waits for them and sets Extended › Close Connection on each (the documented timeout fix).</source>
        <translation>AEM crée %1 agents pour le tenant lors de l&apos;enregistrement de la configuration cloud ; bpsetup attend leur création et active Extended › Close Connection sur chacun d&apos;eux (la correction documentée des expirations de délai).</translation>
    </message>
    <message>
        <source>Close Connection</source>
        <translation>Close Connection</translation>
    </message>
    <message>
        <source>AEM has created %1 of the %2 Brand Portal replication agents for %3.</source>
        <translation>AEM a créé %1 des %2 agents de réplication Brand Portal pour %3.</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log for the agent creation, open the Brand Portal cloud configuration, make a small edit and save it again, then run apply again.</source>
        <translation>Consultez le fichier error.log d&apos;AEM pour la création des agents, ouvrez la configuration cloud Brand Portal, apportez-y une petite modification et enregistrez-la à nouveau, puis relancez apply.</translation>
    </message>
    <message>
        <source>Saving the cloud configuration again</source>
        <translation>Nouvel enregistrement de la configuration cloud</translation>
    </message>
    <message>
        <source>Setting Close Connection on a replication agent</source>
        <translation>Activation de Close Connection sur un agent de réplication</translation>
    </message>
    <message>
        <source>Only %1 of %2 Brand Portal replication agents are there.</source>
        <translation>Seuls %1 des %2 agents de réplication Brand Portal sont présents.</translation>
    </message>
    <message>
        <source>Close Connection is not set on the agent %1.</source>
        <translation>Close Connection n&apos;est pas activé sur l&apos;agent %1.</translation>
    </message>
</context>
<context>
    <name>ApplyCommand</name>
    <message>
        <source>Tests:</source>
        <translation>Tests :</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Backup: %1 (%2)</source>
        <translation>Sauvegarde : %1 (%2)</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source>Print the plan and run it without any write request.</source>
        <translation>Affiche le plan et l&apos;exécute sans aucune requête d&apos;écriture.</translation>
    </message>
    <message>
        <source>Do not ask: apply the plan as shown.</source>
        <translation>Applique le plan tel qu&apos;il est affiché, sans demander de confirmation.</translation>
    </message>
    <message>
        <source>A plan saved with `bpsetup plan --json`: apply refuses it if the instance changed since.</source>
        <translation>Plan enregistré avec `bpsetup plan --json` : apply le refuse si l&apos;instance a changé depuis.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source> (see bpsetup apply --help)</source>
        <translation> (voir bpsetup apply --help)</translation>
    </message>
    <message>
        <source>%1 is not a plan saved with `bpsetup plan --json` (or it was a blocked plan).</source>
        <translation>%1 n&apos;est pas un plan enregistré avec `bpsetup plan --json` (ou c&apos;était un plan bloqué).</translation>
    </message>
    <message>
        <source>apply changes AEM and stdin is not a terminal to ask on: pass --yes to apply without asking, or --dry-run to see what it would do.</source>
        <translation>apply modifie AEM et stdin n&apos;est pas un terminal où demander confirmation : passez --yes pour appliquer sans confirmation, ou --dry-run pour voir ce qui serait fait.</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>Lecture de %1 et vérification des identifiants auprès d&apos;Adobe IMS…</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to %1?</source>
        <translation>
            <numerusform>Appliquer %n modification à %1 ?</numerusform>
            <numerusform>Appliquer %n modifications à %1 ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Apply was not confirmed.</source>
        <translation>L&apos;application n&apos;a pas été confirmée.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Essai à blanc : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is in place.</source>
        <translation>Rien à faire : la configuration est en place.</translation>
    </message>
    <message>
        <source>Done: the Brand Portal configuration is in place and tested.</source>
        <translation>Terminé : la configuration Brand Portal est en place et testée.</translation>
    </message>
    <message>
        <source>Roll back to the state before apply (backup %1)?</source>
        <translation>Restaurer l&apos;état antérieur à apply (sauvegarde %1) ?</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>Restauration effectuée : les objets sont tels qu&apos;ils étaient avant apply.</translation>
    </message>
    <message>
        <source>Also back up the touched objects as a content package built on the instance (Package Manager) and downloaded into the backup folder; the package stays under /etc/packages.</source>
        <translation>Sauvegarde aussi les objets concernés sous forme de package de contenu créé sur l&apos;instance (Package Manager) et téléchargé dans le dossier de sauvegarde ; le package reste sous /etc/packages.</translation>
    </message>
    <message>
        <source>Creates the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author, or switches an existing JWT one to OAuth Server-to-Server: shows the plan, saves a backup of every object it touches, applies and verifies each step, then tests every Brand Portal replication agent. Asks before changing anything unless --yes is given.</source>
        <translation>Crée la configuration Brand Portal sur une instance de création AEM 6.5 / 6.5 LTS, ou fait passer une configuration JWT existante à OAuth Server-to-Server : affiche le plan, sauvegarde chaque objet concerné, applique et vérifie chaque étape, puis teste chaque agent de réplication Brand Portal. Demande confirmation avant toute modification, sauf si --yes est indiqué.</translation>
    </message>
</context>
<context>
    <name>ApplyRecipe</name>
    <message>
        <source>The recipe %1 is not a JSON object.</source>
        <translation>La recette %1 n&apos;est pas un objet JSON.</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has no value.</source>
        <translation>L&apos;entrée « %1 » de la recette apply n&apos;a pas de valeur.</translation>
    </message>
    <message>
        <source>The apply recipe entry &quot;%1&quot; has the wrong type of value.</source>
        <translation>L&apos;entrée « %1 » de la recette apply a une valeur du mauvais type.</translation>
    </message>
    <message>
        <source>The apply recipe has an unsupported schemaVersion.</source>
        <translation>La recette apply a une valeur schemaVersion non prise en charge.</translation>
    </message>
    <message>
        <source>The apply recipe lacks the entry &quot;%1&quot;.</source>
        <translation>Il manque l&apos;entrée « %1 » dans la recette apply.</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s runModesPattern is not a valid pattern.</source>
        <translation>Le runModesPattern de la recette apply n&apos;est pas un motif valide.</translation>
    </message>
    <message>
        <source>The apply recipe&apos;s hotfix namePattern is not a valid pattern.</source>
        <translation>Le namePattern du correctif dans la recette apply n&apos;est pas un motif valide.</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>The backup is damaged: %1</source>
        <translation>La sauvegarde est endommagée : %1</translation>
    </message>
    <message>
        <source>Use another backup (`bpsetup backups list`), or restore the objects by hand from the content package in the backup folder.</source>
        <translation>Utilisez une autre sauvegarde (`bpsetup backups list`), ou restaurez les objets manuellement à partir du package de contenu du dossier de sauvegarde.</translation>
    </message>
    <message>
        <source>The backup could not be written to %1: %2</source>
        <translation>Impossible d&apos;écrire la sauvegarde dans %1 : %2</translation>
    </message>
    <message>
        <source>Free disk space or fix the permissions of the folder, then run apply again. Nothing was changed on AEM.</source>
        <translation>Libérez de l&apos;espace disque ou corrigez les autorisations du dossier, puis relancez apply. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>a record lacks its step, kind or state.</source>
        <translation>un enregistrement n&apos;indique pas son étape, son type ou son état.</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>schemaVersion non pris en charge.</translation>
    </message>
    <message>
        <source>its id is not valid.</source>
        <translation>son ID n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>it has no records.</source>
        <translation>elle ne contient aucun enregistrement.</translation>
    </message>
    <message>
        <source>its package file name is not valid.</source>
        <translation>le nom de fichier de son package n&apos;est pas valide.</translation>
    </message>
    <message>
        <source>Invalid backup id.</source>
        <translation>ID de sauvegarde non valide.</translation>
    </message>
    <message>
        <source>The backup folder %1 could not be created.</source>
        <translation>Impossible de créer le dossier de sauvegarde %1.</translation>
    </message>
    <message>
        <source>Fix the permissions of %1 (or free disk space), then run apply again. Nothing was changed on AEM.</source>
        <translation>Corrigez les autorisations de %1 (ou libérez de l&apos;espace disque), puis relancez apply. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>The disk holding %1 is full.</source>
        <translation>Le disque qui contient %1 est plein.</translation>
    </message>
    <message>
        <source>Free some disk space, then run apply again. Nothing was changed on AEM.</source>
        <translation>Libérez de l&apos;espace disque, puis relancez apply. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>There is no backup &quot;%1&quot; in %2.</source>
        <translation>Il n&apos;y a pas de sauvegarde « %1 » dans %2.</translation>
    </message>
    <message>
        <source>List the backups with `bpsetup backups list`.</source>
        <translation>Listez les sauvegardes avec `bpsetup backups list`.</translation>
    </message>
    <message>
        <source>backup.json is not JSON.</source>
        <translation>backup.json n&apos;est pas du JSON.</translation>
    </message>
    <message>
        <source>its id does not match its folder.</source>
        <translation>son ID ne correspond pas à son dossier.</translation>
    </message>
    <message>
        <source>The backup has no content package.</source>
        <translation>La sauvegarde ne contient pas de package de contenu.</translation>
    </message>
</context>
<context>
    <name>BackupsCommand</name>
    <message>
        <source>Lists the backups apply saved before changing an instance.</source>
        <translation>Liste les sauvegardes enregistrées par apply avant de modifier une instance.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source> (see bpsetup backups --help)</source>
        <translation> (voir bpsetup backups --help)</translation>
    </message>
    <message>
        <source>Usage: bpsetup backups list [--json]</source>
        <translation>Utilisation : bpsetup backups list [--json]</translation>
    </message>
    <message>
        <source>No backups in %1.</source>
        <translation>Aucune sauvegarde dans %1.</translation>
    </message>
    <message>
        <source>%1  damaged: %2</source>
        <translation>%1  endommagée : %2</translation>
    </message>
    <message>
        <source>%1  %2  %3 object(s)%4</source>
        <translation>%1  %2  %3 objet(s)%4</translation>
    </message>
    <message>
        <source>, content package</source>
        <translation>, package de contenu</translation>
    </message>
</context>
<context>
    <name>ChangeTypes</name>
    <message>
        <source>create</source>
        <translation>création</translation>
    </message>
    <message>
        <source>update</source>
        <translation>modification</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>suppression</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
</context>
<context>
    <name>CheckStatus</name>
    <message>
        <source>✔ Passed</source>
        <translation>✔ Réussi</translation>
    </message>
    <message>
        <source>✖ Failed</source>
        <translation>✖ Échec</translation>
    </message>
    <message>
        <source>⚠ Warning</source>
        <translation>⚠ Avertissement</translation>
    </message>
    <message>
        <source>– Skipped</source>
        <translation>– Ignoré</translation>
    </message>
</context>
<context>
    <name>CloudConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>Lecture de %1</translation>
    </message>
    <message>
        <source>(the new IMS configuration)</source>
        <translation>(la nouvelle configuration IMS)</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Configuration cloud Brand Portal</translation>
    </message>
    <message>
        <source>Saving it makes AEM create the Brand Portal replication agents.</source>
        <translation>Son enregistrement amène AEM à créer les agents de réplication Brand Portal.</translation>
    </message>
    <message>
        <source>Saving the Brand Portal cloud configuration</source>
        <translation>Enregistrement de la configuration cloud Brand Portal</translation>
    </message>
    <message>
        <source>Reading back %1</source>
        <translation>Relecture de %1</translation>
    </message>
    <message>
        <source>The cloud configuration %1 does not read back as saved (tenantURL, imsConfig): check that the recipe&apos;s property names match this AEM version.</source>
        <translation>La configuration cloud %1 ne se relit pas telle qu&apos;elle a été enregistrée (tenantURL, imsConfig) : vérifiez que les noms de propriétés de la recette correspondent à cette version d&apos;AEM.</translation>
    </message>
</context>
<context>
    <name>ConfigFolderRead</name>
    <message>
        <source>Reading %1</source>
        <translation>Lecture de %1</translation>
    </message>
</context>
<context>
    <name>ConnectionOptions</name>
    <message>
        <source>AEM author address, e.g. https://author.example.com.</source>
        <translation>Adresse de l&apos;instance de création AEM, par exemple https://author.example.com.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name (an administrator).</source>
        <translation>Nom d&apos;utilisateur AEM (un administrateur).</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the password from the first line of stdin (else from BPSETUP_AEM_PASSWORD).</source>
        <translation>Lit le mot de passe sur la première ligne de stdin (sinon dans BPSETUP_AEM_PASSWORD).</translation>
    </message>
    <message>
        <source>Read a bearer token (AEM as a Cloud Service) from stdin instead of a password.</source>
        <translation>Lit sur stdin un jeton Bearer (AEM as a Cloud Service) au lieu d&apos;un mot de passe.</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) to trust.</source>
        <translation>Certificats CA supplémentaires (PEM) à approuver.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Proxy URL (http://host:port or socks5://host:port); &quot;none&quot; for no proxy. Default: the system proxy.</source>
        <translation>URL du proxy (http://hôte:port ou socks5://hôte:port) ; « none » pour ne pas utiliser de proxy. Par défaut : le proxy du système.</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 15).</source>
        <translation>Nombre de secondes d&apos;attente pour chaque réponse (15 par défaut).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Use a saved profile: its address and user, and its password or token from the keychain.</source>
        <translation>Utilise un profil enregistré : son adresse et son utilisateur, ainsi que son mot de passe ou son jeton stocké dans le trousseau.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Give --timeout in seconds, e.g. --timeout 30.</source>
        <translation>Indiquez --timeout en secondes, par exemple --timeout 30.</translation>
    </message>
    <message>
        <source>--aem URL is required, e.g. --aem http://localhost:4502.</source>
        <translation>--aem URL est obligatoire, par exemple --aem http://localhost:4502.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; has no AEM password or token in the keychain: save one with bpsetup profile save %1 --password-stdin, or pipe it with --password-stdin.</source>
        <translation>Le profil « %1 » n&apos;a ni mot de passe ni jeton AEM dans le trousseau : enregistrez-en un avec bpsetup profile save %1 --password-stdin, ou transmettez-le par un pipe avec --password-stdin.</translation>
    </message>
    <message>
        <source>Token for %1: </source>
        <translation>Jeton pour %1 : </translation>
    </message>
    <message>
        <source>--token-stdin was given but stdin had no token.</source>
        <translation>--token-stdin a été indiqué, mais stdin ne contenait aucun jeton.</translation>
    </message>
    <message>
        <source>--user U is required (or --token-stdin for a Cloud Service token).</source>
        <translation>--user U est obligatoire (ou --token-stdin pour un jeton Cloud Service).</translation>
    </message>
    <message>
        <source>Password for %1 at %2: </source>
        <translation>Mot de passe de %1 sur %2 : </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin a été indiqué, mais stdin ne contenait aucun mot de passe.</translation>
    </message>
    <message>
        <source>No password: pipe it with --password-stdin or set BPSETUP_AEM_PASSWORD.</source>
        <translation>Aucun mot de passe : transmettez-le par un pipe avec --password-stdin ou définissez BPSETUP_AEM_PASSWORD.</translation>
    </message>
    <message>
        <source>Trusting this certificate for %1 from now on (saved in %2).</source>
        <translation>Ce certificat est désormais approuvé pour %1 (enregistré dans %2).</translation>
    </message>
    <message>
        <source>Trust exactly the certificate with this SHA-256 fingerprint, as a failed run shows it: SHA256 for the server you name, HOST[:PORT]=SHA256 for any other host (Adobe IMS behind a proxy that inspects TLS, for example); repeat it for several hosts. Remembered once a connection worked with it.</source>
        <translation>Approuve exactement le certificat qui a cette empreinte SHA-256, telle qu&apos;une exécution en échec l&apos;affiche : SHA256 pour le serveur indiqué, HÔTE[:PORT]=SHA256 pour tout autre hôte (par exemple Adobe IMS derrière un proxy qui inspecte le TLS) ; option répétable pour plusieurs hôtes. L&apos;empreinte est mémorisée dès qu&apos;une connexion a fonctionné avec elle.</translation>
    </message>
    <message>
        <source>[HOST:PORT=]SHA256</source>
        <translation>[HÔTE:PORT=]SHA256</translation>
    </message>
    <message>
        <source>The fingerprint for %1 was not needed (its certificate is trusted anyway, or %1 was not asked); nothing was pinned.</source>
        <translation>L&apos;empreinte pour %1 n&apos;a pas servi (son certificat est de toute façon approuvé, ou %1 n&apos;a pas été interrogé) ; rien n&apos;a été épinglé.</translation>
    </message>
</context>
<context>
    <name>ContentPackage</name>
    <message>
        <source>Download %1 from Adobe&apos;s Software Distribution (%2) and give that file.</source>
        <translation>Téléchargez %1 depuis Software Distribution d&apos;Adobe (%2) et indiquez ce fichier.</translation>
    </message>
    <message>
        <source>The package&apos;s properties.xml is not a properties document.</source>
        <translation>Le fichier properties.xml du package n&apos;est pas un document de propriétés.</translation>
    </message>
    <message>
        <source>%1 is not a zip file, so it is not an AEM content package.</source>
        <translation>%1 n&apos;est pas un fichier zip : ce n&apos;est donc pas un package de contenu AEM.</translation>
    </message>
    <message>
        <source>%1 unpacks to more than a content package bpsetup accepts: %2</source>
        <translation>%1 se décompresse en plus que ce que bpsetup accepte pour un package de contenu : %2</translation>
    </message>
    <message>
        <source>%1 is a damaged or incomplete zip file (%2).</source>
        <translation>%1 est un fichier zip endommagé ou incomplet (%2).</translation>
    </message>
    <message>
        <source>%1 is a zip file but not an AEM content package (it has no %2).</source>
        <translation>%1 est un fichier zip, mais pas un package de contenu AEM (il ne contient pas %2).</translation>
    </message>
    <message>
        <source>%1 is a damaged zip file (%2).</source>
        <translation>%1 est un fichier zip endommagé (%2).</translation>
    </message>
    <message>
        <source>%1 is not an AEM content package: its %2 does not name the package.</source>
        <translation>%1 n&apos;est pas un package de contenu AEM : son %2 ne nomme pas le package.</translation>
    </message>
    <message>
        <source>%1 names its package &quot;%2&quot;, which is not a valid package name.</source>
        <translation>%1 nomme son package « %2 », qui n&apos;est pas un nom de package valide.</translation>
    </message>
    <message>
        <source>%1 is the content package %2 (group %3), not the OAuth compatibility hotfix %4 that AEM 6.5.11.0 to 6.5.20.0 need.</source>
        <translation>%1 est le package de contenu %2 (groupe %3), et non le correctif de compatibilité OAuth %4 dont AEM 6.5.11.0 à 6.5.20.0 a besoin.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
</context>
<context>
    <name>CreateOptions</name>
    <message>
        <source>OAuth Server-to-Server credential JSON from Developer Console.</source>
        <translation>JSON des identifiants OAuth Server-to-Server issu de Developer Console.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>NAME|URL</source>
        <translation>NOM|URL</translation>
    </message>
    <message>
        <source>Adobe IMS (default https://ims-na1.adobelogin.com).</source>
        <translation>Adobe IMS (par défaut https://ims-na1.adobelogin.com).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (6.5.x.y, 6.6.x).</source>
        <translation>Version d&apos;AEM à utiliser si elle ne peut pas être lue (6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Recette JSON qui remplace les entrées detect et apply intégrées.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup %2 --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup %2 --help).</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the OAuth Server-to-Server JSON downloaded from Developer Console).</source>
        <translation>--credentials FICHIER est obligatoire (le JSON OAuth Server-to-Server téléchargé depuis Developer Console).</translation>
    </message>
    <message>
        <source>The credential is incomplete: %1: %2</source>
        <translation>Les identifiants sont incomplets : %1 : %2</translation>
    </message>
    <message>
        <source>The OAuth compatibility hotfix (ims-jwt-compatibility-package-6.5-1.0.zip) for AEM 6.5.11.0 to 6.5.20.0: installed as the plan&apos;s first step.</source>
        <translation>Le correctif de compatibilité OAuth (ims-jwt-compatibility-package-6.5-1.0.zip) pour AEM 6.5.11.0 à 6.5.20.0 : installé comme première étape du plan.</translation>
    </message>
    <message>
        <source>Brand Portal tenant: https://&lt;tenant&gt;.brand-portal.adobe.com or its name (read from the existing configuration when left out).</source>
        <translation>Tenant Brand Portal : https://&lt;tenant&gt;.brand-portal.adobe.com ou son nom (lu dans la configuration existante s&apos;il est omis).</translation>
    </message>
    <message>
        <source>Replace the client secret stored in AEM with the credential&apos;s second secret (validated with IMS first), even when the stored one still works.</source>
        <translation>Remplace le secret client stocké dans AEM par le second secret des identifiants (validé d&apos;abord auprès d&apos;IMS), même si le secret stocké fonctionne encore.</translation>
    </message>
    <message>
        <source>--rotate-secret needs a credential file with two client secrets: generate the second one in Adobe Developer Console and download the credential again.</source>
        <translation>--rotate-secret nécessite un fichier d&apos;identifiants comportant deux secrets client : générez le second dans Adobe Developer Console et téléchargez à nouveau les identifiants.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway upgrade: wait up to SECONDS for the old agents&apos; queues to drain (default: refuse at once when an item is queued).</source>
        <translation>Mise à niveau depuis Legacy OAuth Gateway : attend jusqu&apos;à SECONDES que les files d&apos;attente des anciens agents se vident (par défaut : refus immédiat dès qu&apos;un élément est en file d&apos;attente).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>--wait-for-idle takes a number of seconds from 0 to 86400, not &quot;%1&quot;.</source>
        <translation>--wait-for-idle accepte un nombre de secondes de 0 à 86400, et non « %1 ».</translation>
    </message>
    <message>
        <source>JWT upgrade: also remove the key alias the JWT configuration used from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair).</source>
        <translation>Mise à niveau depuis JWT : supprime aussi du keystore de l&apos;utilisateur de service l&apos;alias de clé utilisé par la configuration JWT (sauvegardé au préalable ; OAuth Server-to-Server n&apos;a pas besoin de paire de clés).</translation>
    </message>
</context>
<context>
    <name>CreatePrerequisites</name>
    <message>
        <source>The AEM version could not be read.</source>
        <translation>Impossible de lire la version d&apos;AEM.</translation>
    </message>
    <message>
        <source>Give it with --aem-version (6.5.x.y or 6.6.x), or allow /system/console/productinfo.</source>
        <translation>Indiquez-la avec --aem-version (6.5.x.y ou 6.6.x), ou autorisez /system/console/productinfo.</translation>
    </message>
    <message>
        <source>This is AEM as a Cloud Service: Brand Portal is activated in Cloud Manager, not configured on the instance.</source>
        <translation>Il s&apos;agit d&apos;AEM as a Cloud Service : Brand Portal s&apos;active dans Cloud Manager, il ne se configure pas sur l&apos;instance.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (your Adobe representative enables it).</source>
        <translation>Activez Brand Portal dans Cloud Manager (c&apos;est votre représentant Adobe qui rend l&apos;activation possible).</translation>
    </message>
    <message>
        <source>AEM %1 cannot be connected to Brand Portal through Adobe Developer Console (6.5.4.0 or later is needed).</source>
        <translation>AEM %1 ne peut pas être connecté à Brand Portal via Adobe Developer Console (la version 6.5.4.0 ou ultérieure est requise).</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later), then run bpsetup again.</source>
        <translation>Installez le dernier Service Pack d&apos;AEM 6.5 (6.5.21.0 ou ultérieur), puis relancez bpsetup.</translation>
    </message>
    <message>
        <source>AEM %1 has no OAuth Server-to-Server support, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>AEM %1 ne prend pas en charge OAuth Server-to-Server, et il n&apos;est plus possible de créer d&apos;identifiants JWT depuis le 2024-06-03.</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (6.5.21.0 or later; 6.5.11.0 with the compatibility hotfix at least), then run bpsetup again.</source>
        <translation>Installez le dernier Service Pack d&apos;AEM 6.5 (6.5.21.0 ou ultérieur ; au minimum 6.5.11.0 avec le correctif de compatibilité), puis relancez bpsetup.</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix; the package you gave is installed as the plan&apos;s first step.</source>
        <translation>AEM %1 a besoin du correctif de compatibilité OAuth ; le package que vous avez indiqué est installé comme première étape du plan.</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Rien à faire.</translation>
    </message>
    <message>
        <source>AEM %1 needs the OAuth compatibility hotfix ims-jwt-compatibility-package-6.5-1.0.zip before an OAuth Server-to-Server IMS configuration can be made.</source>
        <translation>AEM %1 a besoin du correctif de compatibilité OAuth ims-jwt-compatibility-package-6.5-1.0.zip avant de pouvoir créer une configuration IMS OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>This is a publish instance: Brand Portal is configured on the author.</source>
        <translation>Il s&apos;agit d&apos;une instance de publication : Brand Portal se configure sur l&apos;instance de création.</translation>
    </message>
    <message>
        <source>Connect to the AEM author instance instead.</source>
        <translation>Connectez-vous plutôt à l&apos;instance de création AEM.</translation>
    </message>
    <message>
        <source>The run modes could not be read (/system/console blocked?): make sure this is the author.</source>
        <translation>Impossible de lire les modes d&apos;exécution (/system/console bloqué ?) : assurez-vous qu&apos;il s&apos;agit bien de l&apos;instance de création.</translation>
    </message>
    <message>
        <source>Nothing to do if it is the author.</source>
        <translation>Rien à faire s&apos;il s&apos;agit de l&apos;instance de création.</translation>
    </message>
    <message>
        <source>IMS has not issued a token for this credential.</source>
        <translation>IMS n&apos;a pas délivré de jeton pour ces identifiants.</translation>
    </message>
    <message>
        <source>Check the client id and secret in Adobe Developer Console, then run again.</source>
        <translation>Vérifiez l&apos;ID client et le secret dans Adobe Developer Console, puis relancez.</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe converted every JWT credential to OAuth Server-to-Server by 2026-03-01; JWT token exchange no longer works.</source>
        <translation>Il s&apos;agit d&apos;identifiants Service Account (JWT). Adobe a converti tous les identifiants JWT en OAuth Server-to-Server au plus tard le 2026-03-01 ; l&apos;échange de jetons JWT ne fonctionne plus.</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential; new configurations use OAuth Server-to-Server (JWT reaches its end on 2026-03-01).</source>
        <translation>Il s&apos;agit d&apos;identifiants Service Account (JWT) ; les nouvelles configurations utilisent OAuth Server-to-Server (JWT arrive en fin de vie le 2026-03-01).</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same) and give that file instead.</source>
        <translation>Téléchargez les identifiants OAuth Server-to-Server du même projet Developer Console (l&apos;ID client est le même) et indiquez plutôt ce fichier.</translation>
    </message>
    <message>
        <source>The credential&apos;s kind could not be recognised.</source>
        <translation>Le type des identifiants n&apos;a pas pu être reconnu.</translation>
    </message>
    <message>
        <source>Give the OAuth Server-to-Server credential downloaded from Adobe Developer Console.</source>
        <translation>Indiquez les identifiants OAuth Server-to-Server téléchargés depuis Adobe Developer Console.</translation>
    </message>
    <message>
        <source>Download the package from Adobe&apos;s Software Distribution (link below), install it with Package Manager, then run bpsetup again; or install 6.5.21.0 or later.</source>
        <translation>Téléchargez le package depuis Software Distribution d&apos;Adobe (lien ci-dessous), installez-le avec Package Manager, puis relancez bpsetup ; ou installez la version 6.5.21.0 ou ultérieure.</translation>
    </message>
    <message>
        <source>%1 cannot be reached: a dispatcher or firewall blocks the Felix console, and bpsetup writes the IMS configuration through it (configMgr) and has AEM encrypt the client secret there (crypto).</source>
        <translation>%1 est inaccessible : un dispatcher ou un pare-feu bloque la console Felix, or bpsetup écrit la configuration IMS par son intermédiaire (configMgr) et y fait chiffrer le secret client par AEM (crypto).</translation>
    </message>
    <message>
        <source>Allow /system/console/configMgr and /system/console/crypto for your address (or connect to the author directly, e.g. port 4502), then plan again.</source>
        <translation>Autorisez /system/console/configMgr et /system/console/crypto pour votre adresse (ou connectez-vous directement à l&apos;instance de création, par exemple sur le port 4502), puis relancez plan.</translation>
    </message>
    <message>
        <source>The existing configuration belongs to the tenant %1, not to the tenant given.</source>
        <translation>La configuration existante appartient au tenant %1, et non au tenant indiqué.</translation>
    </message>
    <message>
        <source>Leave the tenant out to keep %1 (it is read from the existing configuration), or remove that configuration first: Adobe allows one author per tenant.</source>
        <translation>Omettez le tenant pour conserver %1 (il est lu dans la configuration existante), ou supprimez d&apos;abord cette configuration : Adobe n&apos;autorise qu&apos;une instance de création par tenant.</translation>
    </message>
    <message>
        <source>No tenant was given and none can be read from an existing configuration.</source>
        <translation>Aucun tenant n&apos;a été indiqué et aucun ne peut être lu dans une configuration existante.</translation>
    </message>
    <message>
        <source>Give the tenant with --tenant (https://&lt;tenant&gt;.brand-portal.adobe.com or its name).</source>
        <translation>Indiquez le tenant avec --tenant (https://&lt;tenant&gt;.brand-portal.adobe.com ou son nom).</translation>
    </message>
    <message>
        <source>The JWT configuration uses the client id %1, the credential given another one. Adobe&apos;s conversion to OAuth Server-to-Server keeps the client id, so this credential probably belongs to another Developer Console project.</source>
        <translation>La configuration JWT utilise l&apos;ID client %1, les identifiants indiqués un autre. La conversion vers OAuth Server-to-Server effectuée par Adobe conserve l&apos;ID client : ces identifiants appartiennent donc probablement à un autre projet Developer Console.</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the project whose client id is %1 (its credential page in Developer Console), and give that file.</source>
        <translation>Téléchargez les identifiants OAuth Server-to-Server du projet dont l&apos;ID client est %1 (sa page d&apos;identifiants dans Developer Console), et indiquez ce fichier.</translation>
    </message>
</context>
<context>
    <name>CreateSession</name>
    <message>
        <source>Another Brand Portal IMS configuration (client %1); Adobe allows only one.</source>
        <translation>Autre configuration IMS Brand Portal (client %1) ; Adobe n&apos;en autorise qu&apos;une.</translation>
    </message>
    <message>
        <source>Part of the Legacy OAuth Gateway setup; Adobe&apos;s upgrade deletes it before the new configuration is created (the gateway it used is gone).</source>
        <translation>Fait partie de la configuration Legacy OAuth Gateway ; la mise à niveau d&apos;Adobe la supprime avant la création de la nouvelle configuration (la passerelle qu&apos;elle utilisait n&apos;existe plus).</translation>
    </message>
    <message>
        <source>The configuration is inconsistent (%1); Adobe&apos;s remedy is to delete it and create it again.</source>
        <translation>La configuration est incohérente (%1) ; la solution d&apos;Adobe consiste à la supprimer et à la recréer.</translation>
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
        <translation>Service Account (JWT) — retiré par Adobe</translation>
    </message>
    <message>
        <source>Unknown credential kind</source>
        <translation>Type d&apos;identifiants inconnu</translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and the remaining ones were converted to OAuth Server-to-Server by 2026-03-01. Use it only to check or migrate an existing setup; new setups use OAuth Server-to-Server (same client ID after migration).</source>
        <translation>Il s&apos;agit d&apos;identifiants Service Account (JWT). Adobe a retiré les identifiants JWT : il n&apos;est plus possible d&apos;en créer depuis le 2024-06-03, ils sont arrivés en fin de vie le 2025-06-30, et ceux qui restaient ont été convertis en OAuth Server-to-Server au plus tard le 2026-03-01. Utilisez-les uniquement pour vérifier ou migrer une configuration existante ; les nouvelles configurations utilisent OAuth Server-to-Server (même ID client après la migration).</translation>
    </message>
    <message>
        <source>This is a Service Account (JWT) credential. Adobe retired JWT credentials: none can be created since 2024-06-03, they reached end of life on 2025-06-30, and remaining ones are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Migrate to OAuth Server-to-Server.</source>
        <translation>Il s&apos;agit d&apos;identifiants Service Account (JWT). Adobe a retiré les identifiants JWT : il n&apos;est plus possible d&apos;en créer depuis le 2024-06-03, ils sont arrivés en fin de vie le 2025-06-30, et ceux qui restent sont convertis en OAuth Server-to-Server à l&apos;expiration de leur certificat ou le 2026-03-01, selon la première échéance. Migrez vers OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The credential file is not valid JSON (%1 at character %2). If you copied it, copy the whole file again; if it was downloaded, download it again from Developer Console.</source>
        <translation>Le fichier d&apos;identifiants n&apos;est pas un JSON valide (%1 au caractère %2). Si vous l&apos;avez copié, copiez à nouveau le fichier entier ; s&apos;il a été téléchargé, téléchargez-le à nouveau depuis Developer Console.</translation>
    </message>
    <message>
        <source>The credential file must be a JSON object, as Developer Console downloads it.</source>
        <translation>Le fichier d&apos;identifiants doit être un objet JSON, tel que Developer Console le télécharge.</translation>
    </message>
    <message>
        <source>This project download contains no credentials. Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, then download it again.</source>
        <translation>Ce téléchargement de projet ne contient aucun identifiant. Ajoutez au projet des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal, puis téléchargez-le à nouveau.</translation>
    </message>
    <message>
        <source>This project download has only %1 credentials, which cannot log in server-to-server. Add an OAuth Server-to-Server credential with the AEM Brand Portal API, then download it again.</source>
        <translation>Ce téléchargement de projet ne contient que des identifiants %1, qui ne permettent pas de connexion de serveur à serveur. Ajoutez des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal, puis téléchargez-le à nouveau.</translation>
    </message>
    <message>
        <source>The credential is being migrated from JWT; the OAuth Server-to-Server part is used. Finish the migration in Developer Console once AEM uses it.</source>
        <translation>Les identifiants sont en cours de migration depuis JWT ; la partie OAuth Server-to-Server est utilisée. Terminez la migration dans Developer Console une fois qu&apos;AEM l&apos;utilise.</translation>
    </message>
    <message>
        <source>The project has %1 server-to-server credentials; &quot;%2&quot; is used.</source>
        <translation>Le projet contient %1 jeux d&apos;identifiants de serveur à serveur ; « %2 » est utilisé.</translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; credential, which cannot log in server-to-server. Use an OAuth Server-to-Server credential with the AEM Brand Portal API.</source>
        <translation>Il s&apos;agit d&apos;identifiants « %1 », qui ne permettent pas de connexion de serveur à serveur. Utilisez des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal.</translation>
    </message>
    <message>
        <source>This is an AEM as a Cloud Service service credential (from the AEM Developer Console), not a Developer Console credential for Brand Portal. Download the credential of the project that has the AEM Brand Portal API.</source>
        <translation>Il s&apos;agit d&apos;identifiants de service AEM as a Cloud Service (issus de la Developer Console d&apos;AEM), et non d&apos;identifiants Developer Console pour Brand Portal. Téléchargez les identifiants du projet qui comporte l&apos;API AEM Brand Portal.</translation>
    </message>
    <message>
        <source>A JWT payload has no client secret: add it from the credential page.</source>
        <translation>Une charge utile JWT ne contient pas de secret client : ajoutez-le depuis la page des identifiants.</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expired on %2; a JWT signed with its key is rejected.</source>
        <translation>Le certificat %1… de ces identifiants a expiré le %2 ; un JWT signé avec sa clé est refusé.</translation>
    </message>
    <message>
        <source>The certificate %1… on this credential expires on %2, within 30 days.</source>
        <translation>Le certificat %1… de ces identifiants expire le %2, dans moins de 30 jours.</translation>
    </message>
    <message>
        <source>This is an OAuth Web/user credential (it has redirect URIs). Brand Portal needs an OAuth Server-to-Server credential.</source>
        <translation>Il s&apos;agit d&apos;identifiants OAuth Web/utilisateur (ils comportent des URI de redirection). Brand Portal nécessite des identifiants OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>This JSON is not a Developer Console credential (found the keys: %1). Download the credential from the project in Developer Console (Download all, or Download JSON on the credential page).</source>
        <translation>Ce JSON n&apos;est pas un fichier d&apos;identifiants Developer Console (clés trouvées : %1). Téléchargez les identifiants depuis le projet dans Developer Console (Download all, ou Download JSON sur la page des identifiants).</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the %1.</source>
        <translation>Espaces ou sauts de ligne supprimés autour du champ %1.</translation>
    </message>
    <message>
        <source>client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>ID d&apos;organisation</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>ID de compte technique</translation>
    </message>
    <message>
        <source>technical account email</source>
        <translation>e-mail du compte technique</translation>
    </message>
    <message>
        <source>Removed spaces around the scopes (IMS expects them comma-separated without spaces).</source>
        <translation>Espaces supprimés autour des portées (IMS les attend séparées par des virgules, sans espaces).</translation>
    </message>
    <message>
        <source>Removed spaces or line breaks around the client secret.</source>
        <translation>Espaces ou sauts de ligne supprimés autour du secret client.</translation>
    </message>
    <message>
        <source>Choose the credential kind: OAuth Server-to-Server for new setups.</source>
        <translation>Choisissez le type d&apos;identifiants : OAuth Server-to-Server pour les nouvelles configurations.</translation>
    </message>
    <message>
        <source>The client ID (API key) is missing. Copy it from the credential page in Developer Console.</source>
        <translation>L&apos;ID client (clé d&apos;API) est manquant. Copiez-le depuis la page des identifiants dans Developer Console.</translation>
    </message>
    <message>
        <source>The client ID contains spaces; copy it again.</source>
        <translation>L&apos;ID client contient des espaces ; copiez-le à nouveau.</translation>
    </message>
    <message>
        <source>The organization ID is missing. Copy it from Developer Console (it ends in @AdobeOrg).</source>
        <translation>L&apos;ID d&apos;organisation est manquant. Copiez-le depuis Developer Console (il se termine par @AdobeOrg).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IMS organization ID: it must end in @AdobeOrg. The numeric console org id is a different value.</source>
        <translation>« %1 » n&apos;est pas un ID d&apos;organisation IMS : il doit se terminer par @AdobeOrg. L&apos;ID numérique de l&apos;organisation dans la console est une autre valeur.</translation>
    </message>
    <message>
        <source>The client secret is missing or empty. Copy it from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>Le secret client est manquant ou vide. Copiez-le depuis la page des identifiants dans Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>The client secret contains spaces or line breaks; copy it again.</source>
        <translation>Le secret client contient des espaces ou des sauts de ligne ; copiez-le à nouveau.</translation>
    </message>
    <message>
        <source>An OAuth Server-to-Server credential has at most two client secrets.</source>
        <translation>Des identifiants OAuth Server-to-Server comportent au plus deux secrets client.</translation>
    </message>
    <message>
        <source>The scopes are missing. Copy them exactly as listed on the credential&apos;s Scopes tab; Adobe publishes no fixed list for Brand Portal.</source>
        <translation>Les portées sont manquantes. Copiez-les exactement telles qu&apos;elles sont listées dans l&apos;onglet Scopes des identifiants ; Adobe ne publie pas de liste fixe pour Brand Portal.</translation>
    </message>
    <message>
        <source>Separate the scopes with commas, not spaces, exactly as the Scopes tab lists them.</source>
        <translation>Séparez les portées par des virgules, et non par des espaces, exactement comme dans l&apos;onglet Scopes.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a JWT metascope, not an OAuth scope. Use the scopes from the OAuth Server-to-Server credential&apos;s Scopes tab.</source>
        <translation>« %1 » est un métascope JWT, et non une portée OAuth. Utilisez les portées de l&apos;onglet Scopes des identifiants OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The technical account ID is missing (it ends in @techacct.adobe.com).</source>
        <translation>L&apos;ID de compte technique est manquant (il se termine par @techacct.adobe.com).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a technical account ID (it ends in @techacct.adobe.com; the technical account email is a different value).</source>
        <translation>« %1 » n&apos;est pas un ID de compte technique (celui-ci se termine par @techacct.adobe.com ; l&apos;e-mail du compte technique est une autre valeur).</translation>
    </message>
    <message>
        <source>The metascopes are missing. For AEM Brand Portal it is ent_brand_portal_sdk (see the credential&apos;s JWT payload).</source>
        <translation>Les métascopes sont manquants. Pour AEM Brand Portal, il s&apos;agit de ent_brand_portal_sdk (voir la charge utile JWT des identifiants).</translation>
    </message>
</context>
<context>
    <name>DeleteNodeStep</name>
    <message>
        <source>Delete the replication agent %1</source>
        <translation>Supprimer l&apos;agent de réplication %1</translation>
    </message>
    <message>
        <source>Delete the Brand Portal cloud configuration %1</source>
        <translation>Supprimer la configuration cloud Brand Portal %1</translation>
    </message>
    <message>
        <source>Delete the replication user %1</source>
        <translation>Supprimer l&apos;utilisateur de réplication %1</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Lecture de %1</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>Déjà supprimé.</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 est toujours présent.</translation>
    </message>
</context>
<context>
    <name>DeleteOsgiConfigStep</name>
    <message>
        <source>Reading %1</source>
        <translation>Lecture de %1</translation>
    </message>
    <message>
        <source>Remove another Brand Portal IMS configuration</source>
        <translation>Supprimer une autre configuration IMS Brand Portal</translation>
    </message>
    <message>
        <source>Removing the IMS configuration</source>
        <translation>Suppression de la configuration IMS</translation>
    </message>
    <message>
        <source>%1 is still there.</source>
        <translation>%1 est toujours présent.</translation>
    </message>
</context>
<context>
    <name>DetectCommand</name>
    <message>
        <source>AEM:</source>
        <translation>AEM :</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Déploiement :</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>  (chosen by hand)</source>
        <translation>  (choisie manuellement)</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>n&apos;a pas pu être lue</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>conflict: %1</source>
        <translation>conflit : %1</translation>
    </message>
    <message>
        <source>OAuth S2S:</source>
        <translation>OAuth S2S :</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>pris en charge</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>non pris en charge</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>Configuration :</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Tenant :</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>Trouvé :</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Problèmes :</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>Parcours :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Raison :</translation>
    </message>
    <message>
        <source>First:</source>
        <translation>D&apos;abord :</translation>
    </message>
    <message>
        <source>Reads the AEM version and the existing Brand Portal configuration, and reports the setup route. Read-only: sends no write requests.</source>
        <translation>Lit la version d&apos;AEM et la configuration Brand Portal existante, et indique le parcours de configuration. Lecture seule : n&apos;envoie aucune requête d&apos;écriture.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>Version d&apos;AEM à utiliser si elle ne peut pas être lue (cloud, 6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Detection recipe JSON replacing the built-in one.</source>
        <translation>Recette de détection (JSON) qui remplace la recette intégrée.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source> (see bpsetup detect --help)</source>
        <translation> (voir bpsetup detect --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup detect --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup detect --help).</translation>
    </message>
</context>
<context>
    <name>DetectionRecipe</name>
    <message>
        <source>The detection recipe is not valid: %1</source>
        <translation>La recette de détection n&apos;est pas valide : %1</translation>
    </message>
    <message>
        <source>a pattern is missing or invalid</source>
        <translation>un motif est manquant ou non valide</translation>
    </message>
    <message>
        <source>a repository path or name is missing</source>
        <translation>un chemin ou un nom du référentiel est manquant</translation>
    </message>
    <message>
        <source>a version source needs an id and an absolute path</source>
        <translation>une source de version nécessite un ID et un chemin absolu</translation>
    </message>
    <message>
        <source>version source %1 needs a pattern with one capture group</source>
        <translation>la source de version %1 nécessite un motif avec un seul groupe de capture</translation>
    </message>
    <message>
        <source>version source %1 needs packageGroup and packageName</source>
        <translation>la source de version %1 nécessite packageGroup et packageName</translation>
    </message>
    <message>
        <source>version source %1 has an unknown kind &quot;%2&quot;</source>
        <translation>la source de version %1 a un type inconnu « %2 »</translation>
    </message>
    <message>
        <source>at least two independent version sources are needed</source>
        <translation>au moins deux sources de version indépendantes sont nécessaires</translation>
    </message>
    <message>
        <source>%1 is missing from this build</source>
        <translation>%1 est absent de cette compilation</translation>
    </message>
    <message>
        <source>%1 is not a JSON object (%2)</source>
        <translation>%1 n&apos;est pas un objet JSON (%2)</translation>
    </message>
    <message>
        <source>distributionAgent.path must be an absolute path</source>
        <translation>distributionAgent.path doit être un chemin absolu</translation>
    </message>
</context>
<context>
    <name>DiagnoseCatalogue</name>
    <message>
        <source>AEM reachable</source>
        <translation>AEM accessible</translation>
    </message>
    <message>
        <source>Author instance</source>
        <translation>Instance de création</translation>
    </message>
    <message>
        <source>AEM version and service pack</source>
        <translation>Version et Service Pack d&apos;AEM</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server support</source>
        <translation>Prise en charge d&apos;OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Configuration state</source>
        <translation>État de la configuration</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>Configuration IMS</translation>
    </message>
    <message>
        <source>One Brand Portal IMS configuration</source>
        <translation>Une seule configuration IMS Brand Portal</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Configuration cloud Brand Portal</translation>
    </message>
    <message>
        <source>Tenant URL</source>
        <translation>URL du tenant</translation>
    </message>
    <message>
        <source>Leftovers of an old setup</source>
        <translation>Restes d&apos;une ancienne configuration</translation>
    </message>
    <message>
        <source>Replication agents enabled</source>
        <translation>Agents de réplication activés</translation>
    </message>
    <message>
        <source>Close Connection on the agents</source>
        <translation>Close Connection sur les agents</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>Agents de réplication (Test Connection)</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>Files d&apos;attente de réplication</translation>
    </message>
    <message>
        <source>Distribution agent (Cloud Service)</source>
        <translation>Agent de distribution (Cloud Service)</translation>
    </message>
    <message>
        <source>Distribution queues (Cloud Service)</source>
        <translation>Files d&apos;attente de distribution (Cloud Service)</translation>
    </message>
    <message>
        <source>Distribution agent Test Connection</source>
        <translation>Test Connection de l&apos;agent de distribution</translation>
    </message>
    <message>
        <source>Clock difference to AEM</source>
        <translation>Décalage d&apos;horloge avec AEM</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Paths the checks need are not blocked</source>
        <translation>Chemins nécessaires aux vérifications non bloqués</translation>
    </message>
    <message>
        <source>One author per tenant</source>
        <translation>Une instance de création par tenant</translation>
    </message>
    <message>
        <source>Keystore certificates</source>
        <translation>Certificats du keystore</translation>
    </message>
    <message>
        <source>IMS configuration in use (Configuration Admin)</source>
        <translation>Configuration IMS utilisée (Configuration Admin)</translation>
    </message>
</context>
<context>
    <name>DiagnoseCommand</name>
    <message>
        <source> (Test Connection: with --run-tests)</source>
        <translation> (Test Connection : avec --run-tests)</translation>
    </message>
    <message>
        <source>Read-only health checks of one AEM author&apos;s Brand Portal connection, each with the evidence read and a remedy: version and OAuth support, configuration state, IMS and cloud configurations, tenant URL, leftovers, replication agents and queues (6.5) or the distribution agent (Cloud Service), clock difference and proxy. Nothing is written; with --run-tests the agents&apos; Test Connection requests are sent too. Exit 0 when no check fails, 1 when one does, 3 when AEM cannot be reached.</source>
        <translation>Vérifications d&apos;intégrité en lecture seule de la connexion Brand Portal d&apos;une instance de création AEM, chacune avec les constats relevés et une solution : version et prise en charge d&apos;OAuth, état de la configuration, configurations IMS et cloud, URL du tenant, restes, agents et files d&apos;attente de réplication (6.5) ou agent de distribution (Cloud Service), décalage d&apos;horloge et proxy. Rien n&apos;est écrit ; avec --run-tests, les requêtes Test Connection des agents sont aussi envoyées. Code de sortie 0 si aucune vérification n&apos;échoue, 1 si l&apos;une d&apos;elles échoue, 3 si AEM est inaccessible.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</source>
        <translation>Écrit un seul objet JSON sur stdout : ok, deployment, version, state, tenant, durationMs, toolVersion, checks (id, status, severity, title, evidence, remedy).</translation>
    </message>
    <message>
        <source>Run only these checks (comma-separated ids; see --list-checks).</source>
        <translation>N&apos;exécute que ces vérifications (ID séparés par des virgules ; voir --list-checks).</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>IDS</translation>
    </message>
    <message>
        <source>List the checks (id, severity, title) and exit.</source>
        <translation>Liste les vérifications (ID, gravité, titre) et quitte.</translation>
    </message>
    <message>
        <source>Also run the agents&apos; Test Connection (it sends a test package through each agent; the only requests diagnose may send that are not reads).</source>
        <translation>Exécute aussi le Test Connection des agents (il envoie un package de test via chaque agent ; ce sont les seules requêtes autres que des lectures que diagnose peut envoyer).</translation>
    </message>
    <message>
        <source> (see bpsetup diagnose --help)</source>
        <translation> (voir bpsetup diagnose --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup diagnose --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup diagnose --help).</translation>
    </message>
    <message>
        <source>Unknown check &quot;%1&quot; (bpsetup diagnose --list-checks lists them).</source>
        <translation>Vérification inconnue « %1 » (bpsetup diagnose --list-checks les liste).</translation>
    </message>
    <message>
        <source>Also write the report as one self-contained HTML file (opens offline, prints well; no secret can reach it).</source>
        <translation>Écrit aussi le rapport dans un fichier HTML autonome (s&apos;ouvre hors ligne, s&apos;imprime bien ; aucun secret ne peut s&apos;y retrouver).</translation>
    </message>
    <message>
        <source>FILE.html</source>
        <translation>FICHIER.html</translation>
    </message>
    <message>
        <source>Replace host names and tenant names with stable placeholders (aem-host-1, tenant-1) in the report and the JSON, so a customer can send it.</source>
        <translation>Remplace les noms d&apos;hôte et de tenant par des valeurs de substitution stables (aem-host-1, tenant-1) dans le rapport et le JSON, afin qu&apos;un client puisse les transmettre.</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Rapport écrit dans %1</translation>
    </message>
    <message>
        <source>Password for the instances of %1: </source>
        <translation>Mot de passe des instances de %1 : </translation>
    </message>
    <message>
        <source>--password-stdin was given but stdin had no password.</source>
        <translation>--password-stdin a été indiqué, mais stdin ne contenait aucun mot de passe.</translation>
    </message>
    <message>
        <source>The inventory lists URLs: give their password with --password-stdin (one for all) or BPSETUP_AEM_PASSWORD, or list saved profiles instead.</source>
        <translation>L&apos;inventaire liste des URL : indiquez leur mot de passe avec --password-stdin (un seul pour toutes) ou BPSETUP_AEM_PASSWORD, ou listez plutôt des profils enregistrés.</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Vérifications en échec</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s):</source>
        <translation>
            <numerusform>%n instance :</numerusform>
            <numerusform>%n instances :</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>Sans échec : %1, avec des vérifications en échec : %2, injoignables : %3.</translation>
    </message>
    <message>
        <source>Diagnose every instance FILE lists (CSV with a header name,url,user,profile, or a JSON array of such objects): passwords from the profiles&apos; keychain entries or one --password-stdin for all.</source>
        <translation>Diagnostique chaque instance listée dans FICHIER (CSV avec l&apos;en-tête name,url,user,profile, ou tableau JSON de tels objets) : mots de passe issus des entrées du trousseau des profils, ou un seul --password-stdin pour toutes.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>With --inventory: seconds one instance may take before it is reported as timed out (default 120).</source>
        <translation>Avec --inventory : nombre de secondes qu&apos;une instance peut prendre avant d&apos;être signalée en dépassement de délai (120 par défaut).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>--inventory lists the instances: leave out --aem and --profile.</source>
        <translation>--inventory liste les instances : omettez --aem et --profile.</translation>
    </message>
    <message>
        <source>--%1 takes a number from 1 to %2, not &quot;%3&quot;.</source>
        <translation>--%1 accepte un nombre de 1 à %2, et non « %3 ».</translation>
    </message>
    <message>
        <source>--parallel and --instance-timeout go with --inventory.</source>
        <translation>--parallel et --instance-timeout s&apos;utilisent avec --inventory.</translation>
    </message>
    <message>
        <source>With --inventory: how many instances at a time (default 16).</source>
        <translation>Avec --inventory : nombre d&apos;instances traitées simultanément (16 par défaut).</translation>
    </message>
</context>
<context>
    <name>DiagnoseHtml</name>
    <message>
        <source>pass</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>AEM author</source>
        <translation>Instance de création AEM</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>Configuration IMS</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Brand Portal tenant</source>
        <translation>Tenant Brand Portal</translation>
    </message>
    <message>
        <source>Agents and queues</source>
        <translation>Agents et files d&apos;attente</translation>
    </message>
    <message>
        <source>The connection chain and the result of each link</source>
        <translation>La chaîne de connexion et le résultat de chaque maillon</translation>
    </message>
    <message>
        <source>Brand Portal diagnosis: %1</source>
        <translation>Diagnostic Brand Portal : %1</translation>
    </message>
    <message>
        <source>Brand Portal connection diagnosis</source>
        <translation>Diagnostic de la connexion Brand Portal</translation>
    </message>
    <message numerus="yes">
        <source>✖ %n check(s) failed: publishing to Brand Portal is affected.</source>
        <translation>
            <numerusform>✖ %n vérification a échoué : la publication vers Brand Portal est affectée.</numerusform>
            <numerusform>✖ %n vérifications ont échoué : la publication vers Brand Portal est affectée.</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ No check failed.</source>
        <translation>✔ Aucune vérification n&apos;a échoué.</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 failed, %4 skipped.</source>
        <translation>Réussies : %1, avertissements : %2, en échec : %3, ignorées : %4.</translation>
    </message>
    <message>
        <source>To fix:</source>
        <translation>À corriger :</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Que faire :</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>AEM</source>
        <translation>AEM</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Déploiement</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>non lue</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>aucun trouvé</translation>
    </message>
    <message>
        <source>Diagnosis took</source>
        <translation>Durée du diagnostic</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Généré le</translation>
    </message>
    <message>
        <source>Made by bpsetup diagnose, which only reads from AEM. Passwords, tokens, keys and secrets are removed before this page is written.</source>
        <translation>Généré par bpsetup diagnose, qui ne fait que lire AEM. Les mots de passe, jetons, clés et secrets sont supprimés avant l&apos;écriture de cette page.</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>Impossible d&apos;écrire le rapport dans %1 : %2</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>Choisissez un dossier accessible en écriture et disposant d&apos;espace libre.</translation>
    </message>
    <message numerus="yes">
        <source>Brand Portal diagnosis of %n instance(s)</source>
        <translation>
            <numerusform>Diagnostic Brand Portal de %n instance</numerusform>
            <numerusform>Diagnostic Brand Portal de %n instances</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 without failures, %2 with failing checks, %3 not reached.</source>
        <translation>Sans échec : %1, avec des vérifications en échec : %2, injoignables : %3.</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Vérifications en échec</translation>
    </message>
    <message>
        <source>no failure</source>
        <translation>aucun échec</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>délai dépassé</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>injoignable</translation>
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
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>AVERT.</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>IGNORÉ</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM :</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Déploiement :</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>Configuration :</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>tenant %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>%1 checks: %2 passed, %3 warned, %4 failed, %5 skipped (%6 ms).</source>
        <translation>%1 vérifications — réussies : %2, avertissements : %3, en échec : %4, ignorées : %5 (%6 ms).</translation>
    </message>
</context>
<context>
    <name>HotfixStep</name>
    <message>
        <source>Reading the package list</source>
        <translation>Lecture de la liste des packages</translation>
    </message>
    <message>
        <source>Allow /crx/packmgr in the dispatcher, or connect to the author directly.</source>
        <translation>Autorisez /crx/packmgr dans le dispatcher, ou connectez-vous directement à l&apos;instance de création.</translation>
    </message>
    <message>
        <source>%1: Package Manager refused: %2</source>
        <translation>%1 : refus de Package Manager : %2</translation>
    </message>
    <message>
        <source>Look at AEM&apos;s error.log and at Package Manager (/crx/packmgr), then run again.</source>
        <translation>Consultez le fichier error.log d&apos;AEM et Package Manager (/crx/packmgr), puis relancez.</translation>
    </message>
    <message>
        <source>OAuth compatibility hotfix (content package)</source>
        <translation>Correctif de compatibilité OAuth (package de contenu)</translation>
    </message>
    <message>
        <source>The hotfix is installed already.</source>
        <translation>Le correctif est déjà installé.</translation>
    </message>
    <message>
        <source>The package is uploaded but not installed; it is uploaded again and installed with Package Manager.</source>
        <translation>Le package est chargé mais pas installé ; il est chargé à nouveau et installé avec Package Manager.</translation>
    </message>
    <message>
        <source>AEM 6.5.11.0 to 6.5.20.0 need it for OAuth Server-to-Server; it is uploaded and installed with Package Manager.</source>
        <translation>AEM 6.5.11.0 à 6.5.20.0 en a besoin pour OAuth Server-to-Server ; il est chargé et installé avec Package Manager.</translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation>Chargement de %1</translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation>Installation de %1</translation>
    </message>
    <message>
        <source>The package list shows %1 uploaded but not installed.</source>
        <translation>La liste des packages indique %1 comme chargé mais pas installé.</translation>
    </message>
    <message>
        <source>The package list does not show %1.</source>
        <translation>La liste des packages n&apos;indique pas %1.</translation>
    </message>
    <message>
        <source>Uninstalling %1</source>
        <translation>Désinstallation de %1</translation>
    </message>
    <message>
        <source>Deleting %1</source>
        <translation>Suppression de %1</translation>
    </message>
</context>
<context>
    <name>ImsCustomizerStep</name>
    <message>
        <source>IMS configuration (client secret)</source>
        <translation>Configuration IMS (secret client)</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>(nouvelle) %1</translation>
    </message>
    <message>
        <source>The secret is stored encrypted by AEM (/system/console/crypto).</source>
        <translation>Le secret est stocké chiffré par AEM (/system/console/crypto).</translation>
    </message>
    <message>
        <source>The secret is stored as AEM&apos;s configuration value.</source>
        <translation>Le secret est stocké comme valeur de configuration d&apos;AEM.</translation>
    </message>
    <message>
        <source>The stored secret works: the instance&apos;s Test Connection obtains a token with it.</source>
        <translation>Le secret stocké fonctionne : le Test Connection de l&apos;instance obtient un jeton avec celui-ci.</translation>
    </message>
    <message>
        <source>The stored secret could not be shown to work; it is replaced with the validated one.</source>
        <translation>Impossible de montrer que le secret stocké fonctionne ; il est remplacé par le secret validé.</translation>
    </message>
    <message>
        <source>Encrypting the client secret on the instance</source>
        <translation>Chiffrement du secret client sur l&apos;instance</translation>
    </message>
    <message>
        <source>Saving the client secret</source>
        <translation>Enregistrement du secret client</translation>
    </message>
    <message>
        <source>The client secret configuration (%1) is not in %2.</source>
        <translation>La configuration du secret client (%1) ne se trouve pas dans %2.</translation>
    </message>
    <message>
        <source>The client secret reads back differently from what was written.</source>
        <translation>Le secret client relu diffère de celui qui a été écrit.</translation>
    </message>
    <message>
        <source>Rotation: the stored secret is replaced with the credential&apos;s other secret, which IMS accepted.</source>
        <translation>Rotation : le secret stocké est remplacé par l&apos;autre secret des identifiants, qu&apos;IMS a accepté.</translation>
    </message>
</context>
<context>
    <name>ImsProviderStep</name>
    <message>
        <source>IMS configuration (access token provider)</source>
        <translation>Configuration IMS (fournisseur de jetons d&apos;accès)</translation>
    </message>
    <message>
        <source>(new) %1</source>
        <translation>(nouvelle) %1</translation>
    </message>
    <message>
        <source>An IMS configuration for this client id exists; it is reused.</source>
        <translation>Une configuration IMS existe pour cet ID client ; elle est réutilisée.</translation>
    </message>
    <message>
        <source>Cloud Solution Adobe Brand Portal, authentication OAuth Server-to-Server.</source>
        <translation>Cloud Solution Adobe Brand Portal, authentification OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Saving the IMS configuration</source>
        <translation>Enregistrement de la configuration IMS</translation>
    </message>
    <message>
        <source>The IMS configuration %1 is not in %2.</source>
        <translation>La configuration IMS %1 ne se trouve pas dans %2.</translation>
    </message>
    <message>
        <source>The IMS configuration&apos;s %1 reads back as &quot;%2&quot;, not &quot;%3&quot;.</source>
        <translation>La propriété %1 de la configuration IMS se relit comme « %2 », et non « %3 ».</translation>
    </message>
    <message>
        <source>The JWT configuration of this client id is switched to OAuth Server-to-Server in place (Adobe&apos;s conversion keeps the client id); the old values stay in the backup.</source>
        <translation>La configuration JWT de cet ID client est convertie sur place en OAuth Server-to-Server (la conversion d&apos;Adobe conserve l&apos;ID client) ; les anciennes valeurs restent dans la sauvegarde.</translation>
    </message>
    <message>
        <source>The IMS configuration still has the JWT property %1.</source>
        <translation>La configuration IMS contient encore la propriété JWT %1.</translation>
    </message>
</context>
<context>
    <name>Inventory</name>
    <message>
        <source>Give a CSV file with a header line (name,url,user,profile) or a JSON array of objects with those keys; each instance needs a profile or a url.</source>
        <translation>Indiquez un fichier CSV avec une ligne d&apos;en-tête (name,url,user,profile) ou un tableau JSON d&apos;objets ayant ces clés ; chaque instance nécessite une valeur profile ou url.</translation>
    </message>
    <message>
        <source>%1 names neither a profile nor a url.</source>
        <translation>%1 n&apos;indique ni profile ni url.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an http(s) URL.</source>
        <translation>%1 : « %2 » n&apos;est pas une URL http(s).</translation>
    </message>
    <message>
        <source>The inventory is not valid JSON: %1 (at byte %2).</source>
        <translation>L&apos;inventaire n&apos;est pas un JSON valide : %1 (à l&apos;octet %2).</translation>
    </message>
    <message>
        <source>Instance %1</source>
        <translation>Instance %1</translation>
    </message>
    <message>
        <source>Line %1: the header must name the columns (name, url, user, profile), not &quot;%2&quot;.</source>
        <translation>Ligne %1 : l&apos;en-tête doit nommer les colonnes (name, url, user, profile), et non « %2 ».</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Ligne %1</translation>
    </message>
    <message>
        <source>The inventory lists no instance.</source>
        <translation>L&apos;inventaire ne liste aucune instance.</translation>
    </message>
</context>
<context>
    <name>KeyPairGenerator</name>
    <message>
        <source>The certificate must be valid for 1 to %1 days (Developer Console&apos;s own key pairs last 365 days).</source>
        <translation>Le certificat doit être valide pendant 1 à %1 jours (les paires de clés de Developer Console durent 365 jours).</translation>
    </message>
    <message>
        <source>The certificate name (CN) must be 1 to %1 characters.</source>
        <translation>Le nom du certificat (CN) doit comporter de 1 à %1 caractères.</translation>
    </message>
    <message>
        <source>Could not generate the key pair.</source>
        <translation>Impossible de générer la paire de clés.</translation>
    </message>
</context>
<context>
    <name>KeygenCommand</name>
    <message>
        <source>Generates an RSA 2048 private key and a self-signed certificate for a Developer Console service account (JWT) credential: upload certificate_pub.crt, keep private.key secret.</source>
        <translation>Génère une clé privée RSA 2048 et un certificat auto-signé pour des identifiants Service Account (JWT) de Developer Console : chargez certificate_pub.crt, gardez private.key secret.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Folder for private.key and certificate_pub.crt (created if missing).</source>
        <translation>Dossier pour private.key et certificate_pub.crt (créé s&apos;il n&apos;existe pas).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>Certificate validity in days, 1 to 3650 (default %1).</source>
        <translation>Validité du certificat en jours, de 1 à 3650 (%1 par défaut).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Certificate common name (default bpsetup).</source>
        <translation>Nom commun du certificat (bpsetup par défaut).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Replace existing files. The old key stops working once its certificate is removed from Developer Console.</source>
        <translation>Remplace les fichiers existants. L&apos;ancienne clé cesse de fonctionner dès que son certificat est retiré de Developer Console.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source> (see bpsetup keygen --help)</source>
        <translation> (voir bpsetup keygen --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup keygen --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup keygen --help).</translation>
    </message>
    <message>
        <source>--out DIR is required: the folder for private.key and certificate_pub.crt.</source>
        <translation>--out DOSSIER est obligatoire : le dossier pour private.key et certificate_pub.crt.</translation>
    </message>
    <message>
        <source>--days takes a whole number of days from 1 to 3650.</source>
        <translation>--days accepte un nombre entier de jours de 1 à 3650.</translation>
    </message>
    <message>
        <source>Choose another --out folder, or add --force to replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>Choisissez un autre dossier --out, ou ajoutez --force pour remplacer les fichiers existants (une clé déjà utilisée cesse de fonctionner dès que son certificat est retiré de Developer Console).</translation>
    </message>
    <message>
        <source>Generated an RSA 2048 key pair.</source>
        <translation>Paire de clés RSA 2048 générée.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Sujet :</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expire le :</translation>
    </message>
    <message>
        <source>%1 (in %2 days)</source>
        <translation>%1 (dans %2 jours)</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256 :</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>Clé privée :</translation>
    </message>
    <message>
        <source>%1 (mode 0600)</source>
        <translation>%1 (mode 0600)</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificat :</translation>
    </message>
    <message>
        <source>Next: upload %1 to the credential in Adobe Developer Console; keep %2 secret (Adobe never has a copy, so store it safely).</source>
        <translation>Étape suivante : chargez %1 dans les identifiants, dans Adobe Developer Console ; gardez %2 secret (Adobe n&apos;en a jamais de copie : conservez-le en lieu sûr).</translation>
    </message>
</context>
<context>
    <name>NetworkSettings</name>
    <message>
        <source>Enter the address of the AEM author instance, for example https://author.example.com or http://localhost:4502.</source>
        <translation>Saisissez l&apos;adresse de l&apos;instance de création AEM, par exemple https://author.example.com ou http://localhost:4502.</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no scheme. Start it with https:// (or http:// for a local instance), for example https://%1.</source>
        <translation>L&apos;adresse « %1 » n&apos;a pas de schéma. Commencez-la par https:// (ou http:// pour une instance locale), par exemple https://%1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address: %2</source>
        <translation>« %1 » n&apos;est pas une adresse valide : %2</translation>
    </message>
    <message>
        <source>The address must start with https:// or http://, not %1://.</source>
        <translation>L&apos;adresse doit commencer par https:// ou http://, et non par %1://.</translation>
    </message>
    <message>
        <source>The address &quot;%1&quot; has no host name.</source>
        <translation>L&apos;adresse « %1 » n&apos;a pas de nom d&apos;hôte.</translation>
    </message>
    <message>
        <source>Do not put the user name or password in the address; use the separate fields.</source>
        <translation>N&apos;indiquez ni le nom d&apos;utilisateur ni le mot de passe dans l&apos;adresse ; utilisez les champs prévus à cet effet.</translation>
    </message>
    <message>
        <source>Give the server root without a path (for example %1://%2), not a page such as %3.</source>
        <translation>Indiquez la racine du serveur sans chemin (par exemple %1://%2), et non une page telle que %3.</translation>
    </message>
    <message>
        <source>Remove the query or fragment (after ? or #) from the address.</source>
        <translation>Supprimez de l&apos;adresse la chaîne de requête ou le fragment (après ? ou #).</translation>
    </message>
    <message>
        <source>The proxy &quot;%1&quot; is not valid; use http://host:port or socks5://host:port.</source>
        <translation>Le proxy « %1 » n&apos;est pas valide ; utilisez http://hôte:port ou socks5://hôte:port.</translation>
    </message>
    <message>
        <source>Only http:// and socks5:// proxies are supported, not %1://.</source>
        <translation>Seuls les proxys http:// et socks5:// sont pris en charge, et non %1://.</translation>
    </message>
    <message>
        <source>The proxy address needs a port, for example http://proxy.example.com:3128.</source>
        <translation>L&apos;adresse du proxy nécessite un port, par exemple http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>The timeout &quot;%1&quot; is not a number of seconds from 0.01 to %2.</source>
        <translation>Le délai « %1 » n&apos;est pas un nombre de secondes compris entre 0.01 et %2.</translation>
    </message>
    <message>
        <source>The CA file %1 contains no certificate (PEM or DER expected).</source>
        <translation>Le fichier CA %1 ne contient aucun certificat (PEM ou DER attendu).</translation>
    </message>
</context>
<context>
    <name>PackageBackup</name>
    <message>
        <source>Creating the backup package</source>
        <translation>Création du package de sauvegarde</translation>
    </message>
    <message>
        <source>Setting the backup package&apos;s filter</source>
        <translation>Définition du filtre du package de sauvegarde</translation>
    </message>
    <message>
        <source>Building the backup package</source>
        <translation>Génération du package de sauvegarde</translation>
    </message>
    <message>
        <source>Downloading the backup package</source>
        <translation>Téléchargement du package de sauvegarde</translation>
    </message>
    <message>
        <source>The backup package %1 downloaded from AEM is not a usable zip file.</source>
        <translation>Le package de sauvegarde %1 téléchargé depuis AEM n&apos;est pas un fichier zip utilisable.</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>The plan file is not a bpsetup plan: %1</source>
        <translation>Le fichier de plan n&apos;est pas un plan bpsetup : %1</translation>
    </message>
    <message>
        <source>Make a new plan with `bpsetup plan --json &gt; FILE`.</source>
        <translation>Créez un nouveau plan avec `bpsetup plan --json &gt; FICHIER`.</translation>
    </message>
    <message>
        <source>unsupported schemaVersion.</source>
        <translation>schemaVersion non pris en charge.</translation>
    </message>
    <message>
        <source>steps, prerequisites or fingerprint missing.</source>
        <translation>steps, prerequisites ou fingerprint manquant.</translation>
    </message>
    <message>
        <source>a step is not an object.</source>
        <translation>une étape n&apos;est pas un objet.</translation>
    </message>
    <message>
        <source>a prerequisite is not an object.</source>
        <translation>un prérequis n&apos;est pas un objet.</translation>
    </message>
    <message>
        <source>Plan for %1 (AEM %2): %3</source>
        <translation>Plan pour %1 (AEM %2) : %3</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>version inconnue</translation>
    </message>
    <message>
        <source>BLOCKED: %1</source>
        <translation>BLOQUÉ : %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Remarque : %1</translation>
    </message>
    <message>
        <source>  What to do: %1</source>
        <translation>  Que faire : %1</translation>
    </message>
    <message>
        <source>Nothing will be changed until the blocking prerequisites are resolved.</source>
        <translation>Rien ne sera modifié tant que les prérequis bloquants ne sont pas résolus.</translation>
    </message>
    <message>
        <source>Nothing to do: the configuration is already in place.</source>
        <translation>Rien à faire : la configuration est déjà en place.</translation>
    </message>
    <message>
        <source>A backup of every object above is saved under %1 before the first change.</source>
        <translation>Une sauvegarde de chaque objet ci-dessus est enregistrée sous %1 avant la première modification.</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source> (see bpsetup plan --help)</source>
        <translation> (voir bpsetup plan --help)</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS…</source>
        <translation>Lecture de %1 et vérification des identifiants auprès d&apos;Adobe IMS…</translation>
    </message>
    <message>
        <source>Shows what creating the Brand Portal configuration on an AEM 6.5 / 6.5 LTS author (or upgrading the existing one) would change: the prerequisites, then each object with its field-level diff (secrets as ***). Read-only: sends no write request.</source>
        <translation>Montre ce que changerait la création de la configuration Brand Portal sur une instance de création AEM 6.5 / 6.5 LTS (ou la mise à niveau de la configuration existante) : les prérequis, puis chaque objet avec ses différences champ par champ (secrets affichés ***). Lecture seule : n&apos;envoie aucune requête d&apos;écriture.</translation>
    </message>
</context>
<context>
    <name>PrivateKey</name>
    <message>
        <source>No certificate was given. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Aucun certificat n&apos;a été indiqué. Utilisez certificate_pub.crt, le fichier chargé dans Developer Console.</translation>
    </message>
    <message>
        <source>The certificate file is far too large to be a certificate.</source>
        <translation>Le fichier de certificat est beaucoup trop volumineux pour être un certificat.</translation>
    </message>
    <message>
        <source>This is a private key, not a certificate. Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Il s&apos;agit d&apos;une clé privée, et non d&apos;un certificat. Utilisez certificate_pub.crt, le fichier chargé dans Developer Console.</translation>
    </message>
    <message>
        <source>This is not a certificate (it has no BEGIN CERTIFICATE line). Use certificate_pub.crt, the file uploaded to Developer Console.</source>
        <translation>Ce n&apos;est pas un certificat (il n&apos;a pas de ligne BEGIN CERTIFICATE). Utilisez certificate_pub.crt, le fichier chargé dans Developer Console.</translation>
    </message>
    <message>
        <source>The certificate could not be read: it is damaged or not an X.509 certificate (PEM or DER).</source>
        <translation>Impossible de lire le certificat : il est endommagé ou ce n&apos;est pas un certificat X.509 (PEM ou DER).</translation>
    </message>
    <message>
        <source>No private key was given. Paste the contents of private.key or choose the file.</source>
        <translation>Aucune clé privée n&apos;a été indiquée. Collez le contenu de private.key ou choisissez le fichier.</translation>
    </message>
    <message>
        <source>The private key file is far too large to be a key.</source>
        <translation>Le fichier de clé privée est beaucoup trop volumineux pour être une clé.</translation>
    </message>
    <message>
        <source>This does not look like a PEM private key. Paste the whole file including the BEGIN/END lines (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</source>
        <translation>Cela ne ressemble pas à une clé privée PEM. Collez le fichier entier, lignes BEGIN/END comprises (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----).</translation>
    </message>
    <message>
        <source>This is an OpenSSH key, which cannot be used here. Convert it with &quot;ssh-keygen -p -m PEM -f FILE&quot; or generate a new RSA 2048 key pair.</source>
        <translation>Il s&apos;agit d&apos;une clé OpenSSH, inutilisable ici. Convertissez-la avec « ssh-keygen -p -m PEM -f FICHIER » ou générez une nouvelle paire de clés RSA 2048.</translation>
    </message>
    <message>
        <source>This is a certificate (BEGIN CERTIFICATE), not the private key. Use the private key file (private.key) made together with it.</source>
        <translation>Il s&apos;agit d&apos;un certificat (BEGIN CERTIFICATE), et non de la clé privée. Utilisez le fichier de clé privée (private.key) créé en même temps que lui.</translation>
    </message>
    <message>
        <source>This is a public key, not the private key. Use the private key file (private.key). Developer Console never keeps the private key; if it is lost, generate a new key pair.</source>
        <translation>Il s&apos;agit d&apos;une clé publique, et non de la clé privée. Utilisez le fichier de clé privée (private.key). Developer Console ne conserve jamais la clé privée ; si elle est perdue, générez une nouvelle paire de clés.</translation>
    </message>
    <message>
        <source>This is not a private key (it starts with BEGIN %1). Paste the private key file, which starts with BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY.</source>
        <translation>Ce n&apos;est pas une clé privée (elle commence par BEGIN %1). Collez le fichier de clé privée, qui commence par BEGIN PRIVATE KEY ou BEGIN RSA PRIVATE KEY.</translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Enter the passphrase.</source>
        <translation>La clé privée est protégée par une phrase secrète. Saisissez la phrase secrète.</translation>
    </message>
    <message>
        <source>The passphrase does not unlock this private key. Check it and try again.</source>
        <translation>La phrase secrète ne déverrouille pas cette clé privée. Vérifiez-la et réessayez.</translation>
    </message>
    <message>
        <source>The private key could not be read: the PEM text is damaged or incomplete. Paste the whole file again, including the BEGIN/END lines.</source>
        <translation>Impossible de lire la clé privée : le texte PEM est endommagé ou incomplet. Collez à nouveau le fichier entier, lignes BEGIN/END comprises.</translation>
    </message>
    <message>
        <source>This is an %1 key, but Adobe needs an RSA key (2048 bits or more). Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>Il s&apos;agit d&apos;une clé %1, mais Adobe exige une clé RSA (2048 bits ou plus). Générez une nouvelle paire de clés RSA 2048 et chargez son certificat dans Developer Console.</translation>
    </message>
    <message>
        <source>This RSA key has only %1 bits; Adobe needs at least %2. Generate a new RSA 2048 key pair and upload its certificate to Developer Console.</source>
        <translation>Cette clé RSA ne fait que %1 bits ; Adobe en exige au moins %2. Générez une nouvelle paire de clés RSA 2048 et chargez son certificat dans Developer Console.</translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation>Aucune clé privée n&apos;est chargée.</translation>
    </message>
    <message>
        <source>The certificate&apos;s public key could not be read.</source>
        <translation>Impossible de lire la clé publique du certificat.</translation>
    </message>
    <message>
        <source>Signing with the private key failed.</source>
        <translation>La signature avec la clé privée a échoué.</translation>
    </message>
    <message>
        <source>The certificate&apos;s expiry date could not be read.</source>
        <translation>Impossible de lire la date d&apos;expiration du certificat.</translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>Name a profile command: list, show, save, rename or delete.</source>
        <translation>Indiquez une commande profile : list, show, save, rename ou delete.</translation>
    </message>
    <message>
        <source>Unknown profile command &quot;%1&quot; (list, show, save, rename, delete).</source>
        <translation>Commande profile inconnue « %1 » (list, show, save, rename, delete).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>%1 (usage: %2)</source>
        <translation>%1 (utilisation : %2)</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>Utilisation : %1</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (usage: %2).</source>
        <translation>Argument inattendu « %1 » (utilisation : %2).</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source>No profiles saved yet (bpsetup profile save --help).</source>
        <translation>Aucun profil enregistré pour l&apos;instant (bpsetup profile save --help).</translation>
    </message>
    <message>
        <source>Secrets in %1:</source>
        <translation>Secrets dans %1 :</translation>
    </message>
    <message>
        <source>AEM author address.</source>
        <translation>Adresse de l&apos;instance de création AEM.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>AEM user name.</source>
        <translation>Nom d&apos;utilisateur AEM.</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>Read the AEM password from stdin.</source>
        <translation>Lit le mot de passe AEM sur stdin.</translation>
    </message>
    <message>
        <source>Read an AEM bearer token from stdin.</source>
        <translation>Lit un jeton Bearer AEM sur stdin.</translation>
    </message>
    <message>
        <source>Developer Console credential JSON.</source>
        <translation>JSON des identifiants Developer Console.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>JWT private key (PEM).</source>
        <translation>Clé privée JWT (PEM).</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from stdin (after the password, one per line).</source>
        <translation>Lit la phrase secrète de la clé privée sur stdin (après le mot de passe, une par ligne).</translation>
    </message>
    <message>
        <source>Brand Portal tenant.</source>
        <translation>Tenant Brand Portal.</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Adobe IMS address.</source>
        <translation>Adresse d&apos;Adobe IMS.</translation>
    </message>
    <message>
        <source>Give either --password-stdin or --token-stdin, not both.</source>
        <translation>Indiquez --password-stdin ou --token-stdin, mais pas les deux.</translation>
    </message>
    <message>
        <source>--aem URL is required for a new profile.</source>
        <translation>--aem URL est obligatoire pour un nouveau profil.</translation>
    </message>
    <message>
        <source>AEM token: </source>
        <translation>Jeton AEM : </translation>
    </message>
    <message>
        <source>AEM password: </source>
        <translation>Mot de passe AEM : </translation>
    </message>
    <message>
        <source>Nothing was read from stdin.</source>
        <translation>Rien n&apos;a été lu sur stdin.</translation>
    </message>
    <message>
        <source>%1 is a private key, not a credential file: pass it with --private-key.</source>
        <translation>%1 est une clé privée, et non un fichier d&apos;identifiants : transmettez-la avec --private-key.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>avertissement : %1</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>Phrase secrète de la clé privée : </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin a été indiqué, mais stdin ne contenait aucune phrase secrète.</translation>
    </message>
    <message>
        <source>Pass the passphrase with --key-passphrase-stdin (after the password, one per line).</source>
        <translation>Transmettez la phrase secrète avec --key-passphrase-stdin (après le mot de passe, une par ligne).</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>Profil « %1 » enregistré.</translation>
    </message>
    <message>
        <source>Settings: %1</source>
        <translation>Paramètres : %1</translation>
    </message>
    <message>
        <source>Secrets stored in: %1 (%2)</source>
        <translation>Secrets stockés dans : %1 (%2)</translation>
    </message>
    <message>
        <source>Not renamed: %1</source>
        <translation>Non renommé : %1</translation>
    </message>
    <message>
        <source>Renamed profile &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>Profil « %1 » renommé en « %2 ».</translation>
    </message>
    <message>
        <source>Delete without asking.</source>
        <translation>Supprime sans demander de confirmation.</translation>
    </message>
    <message>
        <source>Deleting profile &quot;%1&quot; also deletes its secrets from the keychain: add --yes to confirm.</source>
        <translation>La suppression du profil « %1 » supprime aussi ses secrets du trousseau : ajoutez --yes pour confirmer.</translation>
    </message>
    <message>
        <source>Nothing was deleted.</source>
        <translation>Rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>The profile and its secrets were kept; fix the problem and try again.</source>
        <translation>Le profil et ses secrets ont été conservés ; corrigez le problème et réessayez.</translation>
    </message>
    <message>
        <source>Deleted profile &quot;%1&quot; and its keychain entries.</source>
        <translation>Profil « %1 » et ses entrées du trousseau supprimés.</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a credential file: pass the JSON downloaded from Developer Console with --credentials.</source>
        <translation>%1 est un certificat, et non un fichier d&apos;identifiants : transmettez le JSON téléchargé depuis Developer Console avec --credentials.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Rien n&apos;a été enregistré : %1</translation>
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
        <translation>Utilisation :
  bpsetup profile list [--json]
  bpsetup profile show NOM [--json]
  bpsetup profile save NOM --aem URL --user U [--password-stdin | --token-stdin]
                       [--credentials FICHIER] [--private-key PEM] [--key-passphrase-stdin]
                       [--tenant T] [--ims-url URL] [--json]
  bpsetup profile rename ANCIEN NOUVEAU [--json]
  bpsetup profile delete NOM [--yes] [--json]

Un profil conserve dans %1 tout ce qui n&apos;est pas secret dans une connexion ; ses secrets (mot de passe
ou jeton AEM, secrets client, clé privée, phrase secrète) vont uniquement dans le trousseau du système.
Les commandes qui communiquent avec AEM ou IMS acceptent --profile NOM et lisent alors les secrets dans le
trousseau. `show` n&apos;affiche jamais de secret, seulement s&apos;il est stocké. `delete` supprime aussi ses entrées du trousseau.
</translation>
    </message>
    <message>
        <source>Delete profile &quot;%1&quot; (%2) and its secrets in the keychain?</source>
        <translation>Supprimer le profil « %1 » (%2) et ses secrets dans le trousseau ?</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>&quot;%1&quot; is not a usable profile name: use 1 to 64 letters, digits, spaces, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>« %1 » n&apos;est pas un nom de profil utilisable : utilisez de 1 à 64 lettres, chiffres, espaces, « . », « _ » ou « - ».</translation>
    </message>
    <message>
        <source>The profiles file %1 is damaged (%2) and could not be moved aside, so it is left as it is and nothing will be saved over it.</source>
        <translation>Le fichier des profils %1 est endommagé (%2) et n&apos;a pas pu être mis de côté : il est donc laissé tel quel et rien ne sera enregistré par-dessus.</translation>
    </message>
    <message>
        <source>Fix or move the file by hand, then try again.</source>
        <translation>Corrigez ou déplacez le fichier manuellement, puis réessayez.</translation>
    </message>
    <message>
        <source>The profiles file was damaged (%1). It was kept as %2 and a new, empty profiles file will be used; secrets in the keychain are untouched.</source>
        <translation>Le fichier des profils était endommagé (%1). Il a été conservé sous %2 et un nouveau fichier des profils vide sera utilisé ; les secrets du trousseau ne sont pas touchés.</translation>
    </message>
    <message>
        <source>Look at the kept file to recover the profiles by hand if you need them.</source>
        <translation>Consultez le fichier conservé pour récupérer manuellement les profils si vous en avez besoin.</translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation>plus de %1 Mio</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions; nothing is saved over it until it can be read.</source>
        <translation>Vérifiez les autorisations du fichier ; rien n&apos;est enregistré par-dessus tant qu&apos;il ne peut pas être lu.</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>ce n&apos;est pas un objet JSON</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>sa version de format n&apos;est pas un nombre entier que cet outil comprend</translation>
    </message>
    <message>
        <source>The profiles file %1 was written by a newer bpsetup (format %2; this one knows %3). The profiles can be used, but changes are not saved so nothing of the newer format is lost.</source>
        <translation>Le fichier des profils %1 a été écrit par une version plus récente de bpsetup (format %2 ; celle-ci connaît %3). Les profils peuvent être utilisés, mais les modifications ne sont pas enregistrées afin que rien du nouveau format ne soit perdu.</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>Mettez à jour bpsetup.</translation>
    </message>
    <message>
        <source>it has no profiles in a form this tool knows</source>
        <translation>il ne contient aucun profil sous une forme connue de cet outil</translation>
    </message>
    <message>
        <source>a profile is not an object</source>
        <translation>un profil n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>&quot;profiles&quot; is not a list</source>
        <translation>« profiles » n&apos;est pas une liste</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; is there twice</source>
        <translation>le nom « %1 » y figure deux fois</translation>
    </message>
    <message>
        <source>Not saved: the profiles file was written by a newer bpsetup. Update bpsetup to change profiles.</source>
        <translation>Non enregistré : le fichier des profils a été écrit par une version plus récente de bpsetup. Mettez à jour bpsetup pour modifier les profils.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Not saved: the profiles file could not be backed up before its format is updated (%1).</source>
        <translation>Non enregistré : le fichier des profils n&apos;a pas pu être sauvegardé avant la mise à jour de son format (%1).</translation>
    </message>
    <message>
        <source>Cannot save the profiles file %1: %2</source>
        <translation>Impossible d&apos;enregistrer le fichier des profils %1 : %2</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>Un profil nommé « %1 » existe déjà.</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>Il n&apos;existe aucun profil nommé « %1 ».</translation>
    </message>
</context>
<context>
    <name>QueuesIdleStep</name>
    <message>
        <source>1 item</source>
        <translation>1 élément</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 éléments</translation>
    </message>
    <message>
        <source>Reading the queue of the agent %1</source>
        <translation>Lecture de la file d&apos;attente de l&apos;agent %1</translation>
    </message>
    <message>
        <source>%1 still queued.</source>
        <translation>%1 encore en file d&apos;attente.</translation>
    </message>
    <message>
        <source>%1 queued on the Brand Portal agents (%2); the oldest, %3, since %4. Deleting the agents now would lose them. Pending: %5</source>
        <translation>%1 en file d&apos;attente sur les agents Brand Portal (%2) ; le plus ancien, %3, depuis %4. Supprimer les agents maintenant les ferait perdre. En attente : %5</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>une date inconnue</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> et %1 de plus</translation>
    </message>
    <message>
        <source>The agent queues are idle.</source>
        <translation>Les files d&apos;attente des agents sont inactives.</translation>
    </message>
    <message>
        <source>Check that the Brand Portal agent queues are idle</source>
        <translation>Vérifier que les files d&apos;attente des agents Brand Portal sont inactives</translation>
    </message>
    <message>
        <source>Adobe&apos;s upgrade starts with idle queues: queued items of deleted agents are lost. Checked again right before the first change.</source>
        <translation>La mise à niveau d&apos;Adobe commence avec des files d&apos;attente inactives : les éléments en file d&apos;attente des agents supprimés sont perdus. Nouvelle vérification juste avant la première modification.</translation>
    </message>
    <message>
        <source>%1 idle</source>
        <translation>%1 inactif</translation>
    </message>
    <message>
        <source>%1: %2 queued</source>
        <translation>%1 : %2 en file d&apos;attente</translation>
    </message>
    <message>
        <source>Now: %1.</source>
        <translation>Actuellement : %1.</translation>
    </message>
    <message>
        <source>Let the queues drain (Tools › Deployment › Replication › Agents on author: each Brand Portal agent shows &quot;Queue is idle&quot;), or wait for them: the wizard&apos;s Wait for the queues button, or --wait-for-idle SECONDS on the command line. A blocked queue needs its first item fixed or removed. Nothing was changed.</source>
        <translation>Laissez les files d&apos;attente se vider (Tools › Deployment › Replication › Agents on author : chaque agent Brand Portal affiche « Queue is idle »), ou attendez-les : bouton « Attendre que les files d&apos;attente se vident » de l&apos;assistant, ou --wait-for-idle SECONDES en ligne de commande. Dans une file bloquée, il faut corriger ou supprimer le premier élément. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>ReadOptions</name>
    <message>
        <source>Use this AEM version if it cannot be read (cloud, 6.5.x.y, 6.6.x).</source>
        <translation>Version d&apos;AEM à utiliser si elle ne peut pas être lue (cloud, 6.5.x.y, 6.6.x).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Recette JSON qui remplace les entrées detect et apply intégrées.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
</context>
<context>
    <name>RemoveKeyAliasStep</name>
    <message>
        <source>Looking up the user %1</source>
        <translation>Recherche de l&apos;utilisateur %1</translation>
    </message>
    <message>
        <source>Reading the keystore of %1</source>
        <translation>Lecture du keystore de %1</translation>
    </message>
    <message>
        <source>Remove the JWT key alias %1 from the keystore of %2</source>
        <translation>Supprimer l&apos;alias de clé JWT %1 du keystore de %2</translation>
    </message>
    <message>
        <source>Left over from JWT: OAuth Server-to-Server needs no key pair. The keystore is in the backup, so rollback brings the alias back.</source>
        <translation>Reste de JWT : OAuth Server-to-Server n&apos;a pas besoin de paire de clés. Le keystore figure dans la sauvegarde : la restauration rétablit donc l&apos;alias.</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>alias</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>Cet utilisateur n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Already gone.</source>
        <translation>Déjà supprimé.</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the alias %2.</source>
        <translation>Le keystore de %1 contient encore l&apos;alias %2.</translation>
    </message>
    <message>
        <source>Could not check whether the JWT key alias %1 is still in a keystore: %2</source>
        <translation>Impossible de vérifier si l&apos;alias de clé JWT %1 se trouve encore dans un keystore : %2</translation>
    </message>
    <message>
        <source>The keystore of %1 still holds the JWT key alias %2, which OAuth Server-to-Server does not use.</source>
        <translation>Le keystore de %1 contient encore l&apos;alias de clé JWT %2, qu&apos;OAuth Server-to-Server n&apos;utilise pas.</translation>
    </message>
    <message>
        <source>Remove it with this upgrade: run again with --remove-jwt-key-alias (in the wizard: tick &quot;Also remove the JWT key alias&quot; on the Review page). It is backed up first.</source>
        <translation>Supprimez-le lors de cette mise à niveau : relancez avec --remove-jwt-key-alias (dans l&apos;assistant : cochez « Supprimer aussi l&apos;alias de clé JWT » sur la page « Examiner les modifications »). Il est sauvegardé au préalable.</translation>
    </message>
    <message>
        <source>Nothing depends on it. To clean up by hand: Tools › Security › Users › %1 › Keystore.</source>
        <translation>Plus rien n&apos;en dépend. Pour nettoyer à la main : Tools › Security › Users › %1 › Keystore.</translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <source>Restores what one apply changed on an author, from the backup apply saved before its first write (bpsetup backups list). Safe to repeat.</source>
        <translation>Restaure ce qu&apos;une exécution d&apos;apply a modifié sur une instance de création, à partir de la sauvegarde enregistrée par apply avant sa première écriture (bpsetup backups list). Peut être répété sans risque.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source>The backup to restore.</source>
        <translation>Sauvegarde à restaurer.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Do not ask.</source>
        <translation>Ne demande pas de confirmation.</translation>
    </message>
    <message>
        <source>Recipe JSON overriding the built-in detect and apply entries.</source>
        <translation>Recette JSON qui remplace les entrées detect et apply intégrées.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source> (see bpsetup rollback --help)</source>
        <translation> (voir bpsetup rollback --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup rollback --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup rollback --help).</translation>
    </message>
    <message>
        <source>--backup ID is required: one of the ids `bpsetup backups list` shows.</source>
        <translation>--backup ID est obligatoire : l&apos;un des ID qu&apos;affiche `bpsetup backups list`.</translation>
    </message>
    <message>
        <source>rollback changes AEM and stdin is not a terminal to ask on: pass --yes.</source>
        <translation>rollback modifie AEM et stdin n&apos;est pas un terminal où demander confirmation : passez --yes.</translation>
    </message>
    <message numerus="yes">
        <source>Restore %n object(s) on %1 to their state of %2?</source>
        <translation>
            <numerusform>Restaurer %n objet sur %1 dans son état du %2 ?</numerusform>
            <numerusform>Restaurer %n objets sur %1 dans leur état du %2 ?</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Rollback was not confirmed.</source>
        <translation>La restauration n&apos;a pas été confirmée.</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>restauré</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Rolled back: the objects are as they were before apply.</source>
        <translation>Restauration effectuée : les objets sont tels qu&apos;ils étaient avant apply.</translation>
    </message>
</context>
<context>
    <name>RollbackSession</name>
    <message>
        <source>The backup %1 was made on %2, not on %3.</source>
        <translation>La sauvegarde %1 a été effectuée sur %2, et non sur %3.</translation>
    </message>
    <message>
        <source>Connect to %1 to roll this backup back, or choose the backup of this instance (bpsetup backups list).</source>
        <translation>Connectez-vous à %1 pour restaurer cette sauvegarde, ou choisissez la sauvegarde de cette instance (bpsetup backups list).</translation>
    </message>
</context>
<context>
    <name>RouteSelector</name>
    <message>
        <source>A Legacy OAuth Gateway configuration exists. Adobe has not supported it for new setups since 2020-04-06; when it misbehaves the fix is to delete it and recreate it through Adobe Developer Console. The upgrade checks that the Brand Portal queues are idle, deletes the old agents, cloud configuration and replication user, and recreates the configuration.</source>
        <translation>Une configuration Legacy OAuth Gateway existe. Adobe ne la prend plus en charge pour les nouvelles configurations depuis le 2020-04-06 ; en cas de dysfonctionnement, la solution consiste à la supprimer et à la recréer via Adobe Developer Console. La mise à niveau vérifie que les files d&apos;attente Brand Portal sont inactives, supprime les anciens agents, la configuration cloud et l&apos;utilisateur de réplication, puis recrée la configuration.</translation>
    </message>
    <message>
        <source>The IMS configuration still uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and Adobe converted the remaining ones to OAuth Server-to-Server by 2026-03-01, so token exchange through JWT no longer works. Switch the IMS configuration to OAuth: the client ID stays the same; you need the OAuth client secret and scopes from Developer Console.</source>
        <translation>La configuration IMS utilise encore des identifiants JWT (Service Account). Les identifiants JWT sont arrivés en fin de vie le 2025-06-30 et Adobe a converti ceux qui restaient en OAuth Server-to-Server au plus tard le 2026-03-01 : l&apos;échange de jetons via JWT ne fonctionne donc plus. Passez la configuration IMS à OAuth : l&apos;ID client reste le même ; il vous faut le secret client et les portées OAuth issus de Developer Console.</translation>
    </message>
    <message>
        <source>The IMS configuration uses a JWT (Service Account) credential. JWT credentials reached end of life on 2025-06-30 and are converted to OAuth Server-to-Server at certificate expiry or on 2026-03-01, whichever comes first. Switch the IMS configuration to OAuth now.</source>
        <translation>La configuration IMS utilise des identifiants JWT (Service Account). Les identifiants JWT sont arrivés en fin de vie le 2025-06-30 et sont convertis en OAuth Server-to-Server à l&apos;expiration du certificat ou le 2026-03-01, selon la première échéance. Passez dès maintenant la configuration IMS à OAuth.</translation>
    </message>
    <message>
        <source>A Brand Portal configuration with OAuth Server-to-Server already exists: nothing needs migrating. The upgrade path re-verifies it and can rotate its credentials; to look for problems, use Diagnose.</source>
        <translation>Une configuration Brand Portal avec OAuth Server-to-Server existe déjà : aucune migration n&apos;est nécessaire. Le parcours de mise à niveau la vérifie à nouveau et peut renouveler ses identifiants ; pour rechercher des problèmes, utilisez le diagnostic.</translation>
    </message>
    <message>
        <source>A Brand Portal configuration exists but is inconsistent or failing. Adobe&apos;s advice is to delete it and create a new one through Adobe Developer Console; the upgrade path does that with a backup first.</source>
        <translation>Une configuration Brand Portal existe, mais elle est incohérente ou en échec. Adobe conseille de la supprimer et d&apos;en créer une nouvelle via Adobe Developer Console ; le parcours de mise à niveau le fait, après une sauvegarde.</translation>
    </message>
    <message>
        <source>Install the hotfix %1 (AEM 6.5.11.0 to 6.5.20.0), or upgrade to AEM 6.5.21.0 or later, where OAuth Server-to-Server is built in. Adobe&apos;s pages disagree on whether 6.5.20.0 needs it; the tool follows the majority and treats it as required.</source>
        <translation>Installez le correctif %1 (AEM 6.5.11.0 à 6.5.20.0), ou passez à AEM 6.5.21.0 ou ultérieur, qui intègre OAuth Server-to-Server. Les pages d&apos;Adobe divergent sur la nécessité du correctif pour 6.5.20.0 ; l&apos;outil suit la majorité et le considère comme requis.</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1): this version has no OAuth Server-to-Server option, and new JWT credentials cannot be created since 2024-06-03.</source>
        <translation>Mettez AEM à niveau vers 6.5.21.0 ou ultérieur (ou vers 6.5.11.0+ avec le correctif %1) : cette version n&apos;offre pas l&apos;option OAuth Server-to-Server, et il n&apos;est plus possible de créer d&apos;identifiants JWT depuis le 2024-06-03.</translation>
    </message>
    <message>
        <source>Upgrade AEM to 6.5.21.0 or later (or to 6.5.11.0+ with the hotfix %1) to use OAuth Server-to-Server.</source>
        <translation>Mettez AEM à niveau vers 6.5.21.0 ou ultérieur (ou vers 6.5.11.0+ avec le correctif %1) pour utiliser OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Could not read the package list to check for the hotfix %1; if AEM is below 6.5.21.0, check in Package Manager that it is installed.</source>
        <translation>Impossible de lire la liste des packages pour rechercher le correctif %1 ; si AEM est antérieur à 6.5.21.0, vérifiez dans Package Manager qu&apos;il est installé.</translation>
    </message>
    <message>
        <source>The AEM version could not be read from any source, so the route cannot be chosen safely. Choose the version by hand (wizard: Connect page; CLI: --aem-version), or ask an administrator to allow /system/console/productinfo or the Package Manager for this user.</source>
        <translation>La version d&apos;AEM n&apos;a pu être lue depuis aucune source : le parcours ne peut donc pas être choisi de manière sûre. Choisissez la version manuellement (assistant : page « Connexion à AEM » ; CLI : --aem-version), ou demandez à un administrateur d&apos;autoriser /system/console/productinfo ou Package Manager pour cet utilisateur.</translation>
    </message>
    <message>
        <source>AEM 6.5 with the latest service pack (6.5.21.0 or later), AEM 6.5 LTS, or AEM as a Cloud Service</source>
        <translation>AEM 6.5 avec le dernier Service Pack (6.5.21.0 ou ultérieur), AEM 6.5 LTS ou AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>AEM %1 is not supported for Brand Portal setup: Adobe documents it only for AEM as a Cloud Service and AEM 6.5.4.0 and later (6.4, 6.3 and 6.2 have reached end of support). Upgrade to %2.</source>
        <translation>AEM %1 n&apos;est pas pris en charge pour la configuration de Brand Portal : Adobe ne la documente que pour AEM as a Cloud Service et AEM 6.5.4.0 et ultérieur (6.4, 6.3 et 6.2 ne sont plus pris en charge). Effectuez la mise à niveau vers %2.</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Brand Portal is activated from Cloud Manager, which creates the IMS configuration and cloud service itself. A configuration already exists; do not modify the autogenerated settings. Use Diagnose to check it.</source>
        <translation>AEM as a Cloud Service : Brand Portal s&apos;active depuis Cloud Manager, qui crée lui-même la configuration IMS et le service cloud. Une configuration existe déjà ; ne modifiez pas les paramètres générés automatiquement. Utilisez le diagnostic pour la vérifier.</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: activate Brand Portal in Cloud Manager (Environments › Activate Brand Portal) on the production environment; activation creates the IMS configuration and cloud service automatically on the same IMS org. Brand Portal is in maintenance mode: new activations currently go through your Adobe representative.</source>
        <translation>AEM as a Cloud Service : activez Brand Portal dans Cloud Manager (Environments › Activate Brand Portal) sur l&apos;environnement de production ; l&apos;activation crée automatiquement la configuration IMS et le service cloud dans la même organisation IMS. Brand Portal est en mode maintenance : les nouvelles activations passent actuellement par votre représentant Adobe.</translation>
    </message>
    <message>
        <source>the latest AEM 6.5 service pack (at least 6.5.4.0; 6.5.21.0 or later adds OAuth Server-to-Server)</source>
        <translation>le dernier Service Pack d&apos;AEM 6.5 (au moins 6.5.4.0 ; 6.5.21.0 ou ultérieur ajoute OAuth Server-to-Server)</translation>
    </message>
    <message>
        <source>AEM %1 is older than 6.5.4.0, the first version that can be connected to Brand Portal through Adobe Developer Console. Install %2, then run this tool again.</source>
        <translation>AEM %1 est antérieur à 6.5.4.0, première version pouvant être connectée à Brand Portal via Adobe Developer Console. Installez %2, puis relancez cet outil.</translation>
    </message>
    <message>
        <source>The existing Brand Portal configuration could not be read, so it is unclear whether to create or upgrade. Connect as an administrator (the user needs read access to /conf, /etc, /apps/system/config and /home/users).</source>
        <translation>La configuration Brand Portal existante n&apos;a pas pu être lue : on ne sait donc pas s&apos;il faut la créer ou la mettre à niveau. Connectez-vous en tant qu&apos;administrateur (l&apos;utilisateur doit disposer d&apos;un accès en lecture à /conf, /etc, /apps/system/config et /home/users).</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. AEM 6.5 LTS supports OAuth Server-to-Server only: create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Aucune configuration Brand Portal pour l&apos;instant. AEM 6.5 LTS ne prend en charge qu&apos;OAuth Server-to-Server : créez des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal et le profil de produit Assets Brand Portal dans Adobe Developer Console, puis créez la configuration IMS et la configuration cloud Brand Portal.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration yet. Create an OAuth Server-to-Server credential with the AEM Brand Portal API and the Assets Brand Portal product profile in Adobe Developer Console, then create the IMS configuration and the Brand Portal cloud configuration.</source>
        <translation>Aucune configuration Brand Portal pour l&apos;instant. Créez des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal et le profil de produit Assets Brand Portal dans Adobe Developer Console, puis créez la configuration IMS et la configuration cloud Brand Portal.</translation>
    </message>
    <message>
        <source>Activate Brand Portal</source>
        <translation>Activer Brand Portal</translation>
    </message>
    <message>
        <source>Create configuration</source>
        <translation>Créer la configuration</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>Mettre à niveau la configuration</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>Non pris en charge</translation>
    </message>
    <message>
        <source>Cannot be determined</source>
        <translation>Impossible à déterminer</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No D-Bus session: the keychain cannot be reached. Run bpsetup inside a desktop session, or start one with dbus-run-session.</source>
        <translation>Pas de session D-Bus : le trousseau est inaccessible. Exécutez bpsetup dans une session de bureau, ou démarrez-en une avec dbus-run-session.</translation>
    </message>
    <message>
        <source>No keychain service: install gnome-keyring (or KWallet) and log in again.</source>
        <translation>Aucun service de trousseau : installez gnome-keyring (ou KWallet) et reconnectez-vous.</translation>
    </message>
    <message>
        <source>The login keyring is locked: unlock it (e.g. open Passwords and Keys / seahorse) and try again.</source>
        <translation>Le trousseau de connexion est verrouillé : déverrouillez-le (par exemple en ouvrant Mots de passe et clés / seahorse) et réessayez.</translation>
    </message>
    <message>
        <source>The keychain refused access to bpsetup: allow it when the keychain asks, or check the keychain&apos;s access settings, and try again.</source>
        <translation>Le trousseau a refusé l&apos;accès à bpsetup : autorisez-le lorsque le trousseau le demande, ou vérifiez les paramètres d&apos;accès du trousseau, puis réessayez.</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 seconds. If an unlock prompt is open, answer it and try again; otherwise restart the keychain service (log out and in again).</source>
        <translation>Le trousseau n&apos;a pas répondu dans un délai de %1 secondes. Si une demande de déverrouillage est ouverte, répondez-y et réessayez ; sinon, redémarrez le service de trousseau (déconnectez-vous puis reconnectez-vous).</translation>
    </message>
    <message>
        <source>Cancelled before the keychain answered.</source>
        <translation>Annulé avant la réponse du trousseau.</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for profile &quot;%2&quot;.</source>
        <translation>Aucune entrée %1 n&apos;est stockée dans le trousseau pour le profil « %2 ».</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Le trousseau a signalé une erreur : %1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>The profile name must not be empty and must not contain &apos;/&apos;.</source>
        <translation>Le nom du profil ne doit être ni vide ni contenir « / ».</translation>
    </message>
    <message>
        <source>An empty secret cannot be stored; remove the entry instead.</source>
        <translation>Impossible de stocker un secret vide ; supprimez plutôt l&apos;entrée.</translation>
    </message>
    <message>
        <source>The keychain did not store the secret correctly: reading it back gave a different value. Try again, or check the keychain.</source>
        <translation>Le trousseau n&apos;a pas stocké le secret correctement : sa relecture a donné une valeur différente. Réessayez, ou vérifiez le trousseau.</translation>
    </message>
    <message>
        <source>The keychain entry is damaged (part of a split value is missing). Save the secret again.</source>
        <translation>L&apos;entrée du trousseau est endommagée (une partie d&apos;une valeur fractionnée est manquante). Enregistrez à nouveau le secret.</translation>
    </message>
    <message>
        <source>No such entry in the keychain.</source>
        <translation>Cette entrée n&apos;existe pas dans le trousseau.</translation>
    </message>
    <message>
        <source>Not stored: the keychain did not keep the secret. If a keyring prompt appeared (to create or unlock the keyring), it was cancelled: save again and answer it, or untick storing secrets to save the settings without them.</source>
        <translation>Non stocké : le trousseau n&apos;a pas conservé le secret. Si une demande du trousseau s&apos;est affichée (pour créer ou déverrouiller le trousseau), elle a été annulée : enregistrez à nouveau et répondez-y, ou décochez le stockage des secrets pour enregistrer les paramètres sans eux.</translation>
    </message>
</context>
<context>
    <name>SetupActions</name>
    <message>
        <source>Brand Portal looks activated: verify the cloud configuration and the distribution agent bpdistributionagent0 from the AEM side.</source>
        <translation>Brand Portal semble activé : vérifiez la configuration cloud et l&apos;agent de distribution bpdistributionagent0 côté AEM.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then verify what activation creates.</source>
        <translation>Activez Brand Portal dans Cloud Manager (par l&apos;intermédiaire de votre représentant Adobe tant que Brand Portal est en mode maintenance), puis vérifiez ce que l&apos;activation crée.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration exists: create one with an OAuth Server-to-Server credential.</source>
        <translation>Aucune configuration Brand Portal n&apos;existe : créez-en une avec des identifiants OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The Legacy OAuth Gateway is gone: publishing to Brand Portal no longer works. The upgrade deletes the old agents, cloud service and replication user (after a backup) and creates the OAuth Server-to-Server configuration.</source>
        <translation>La Legacy OAuth Gateway n&apos;existe plus : la publication vers Brand Portal ne fonctionne plus. La mise à niveau supprime les anciens agents, le service cloud et l&apos;utilisateur de réplication (après une sauvegarde) et crée la configuration OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>JWT token exchange stopped working on 2026-03-01. The upgrade switches the IMS configuration to OAuth Server-to-Server in place (same client id), after a backup.</source>
        <translation>L&apos;échange de jetons JWT a cessé de fonctionner le 2026-03-01. La mise à niveau convertit sur place la configuration IMS en OAuth Server-to-Server (même ID client), après une sauvegarde.</translation>
    </message>
    <message>
        <source>The configuration is inconsistent. Adobe&apos;s remedy is to delete and recreate it; the upgrade does that after a backup.</source>
        <translation>La configuration est incohérente. La solution d&apos;Adobe consiste à la supprimer et à la recréer ; la mise à niveau le fait après une sauvegarde.</translation>
    </message>
    <message>
        <source>The configuration already uses OAuth Server-to-Server: verify it end to end.</source>
        <translation>La configuration utilise déjà OAuth Server-to-Server : vérifiez-la de bout en bout.</translation>
    </message>
    <message>
        <source>Replace the client secret with the credential&apos;s other secret (Developer Console holds two), validated with Adobe IMS before it is written.</source>
        <translation>Remplacer le secret client par l&apos;autre secret des identifiants (Developer Console en conserve deux), validé auprès d&apos;Adobe IMS avant son écriture.</translation>
    </message>
    <message>
        <source>Change nothing and verify the configuration as it is (it is expected to fail).</source>
        <translation>Ne rien modifier et vérifier la configuration telle quelle (un échec est attendu).</translation>
    </message>
    <message>
        <source>&amp;Create the configuration</source>
        <translation>&amp;Créer la configuration</translation>
    </message>
    <message>
        <source>&amp;Upgrade to OAuth Server-to-Server</source>
        <translation>Mettre à nivea&amp;u vers OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>&amp;Keep it and verify</source>
        <translation>Conser&amp;ver et vérifier</translation>
    </message>
    <message>
        <source>Rotate the client &amp;secret</source>
        <translation>&amp;Renouveler le secret client</translation>
    </message>
    <message>
        <source>Activation &amp;checklist and verify</source>
        <translation>Liste de &amp;contrôle de l&apos;activation et vérification</translation>
    </message>
</context>
<context>
    <name>SimFromReport</name>
    <message>
        <source>Give the JSON that bpsetup diagnose --json printed (saved to a file), masked or not.</source>
        <translation>Indiquez le JSON affiché par bpsetup diagnose --json (enregistré dans un fichier), masqué ou non.</translation>
    </message>
    <message>
        <source>This is not a diagnose report: it has no checks or state.</source>
        <translation>Ce n&apos;est pas un rapport de diagnostic : il ne contient ni vérifications ni état.</translation>
    </message>
    <message>
        <source>The version &quot;%1&quot; was not read; %2 is served.</source>
        <translation>La version « %1 » n&apos;a pas été lue ; c&apos;est %2 qui est servie.</translation>
    </message>
    <message>
        <source>%1 (%2) is not reproduced.</source>
        <translation>%1 (%2) n&apos;est pas reproduit.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Serves a simulated AEM author and a simulated Adobe IMS on 127.0.0.1 until Ctrl+C (SIGINT) or SIGTERM. For demos, training and reproducing support cases; no real AEM needed.</source>
        <translation>Sert une instance de création AEM simulée et un Adobe IMS simulé sur 127.0.0.1 jusqu&apos;à Ctrl+C (SIGINT) ou SIGTERM. Pour les démonstrations, la formation et la reproduction de cas de support ; aucune instance AEM réelle n&apos;est nécessaire.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>AEM port (IMS uses the next one); default: free ports.</source>
        <translation>Port AEM (IMS utilise le suivant) ; par défaut : des ports libres.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>AEM version: %1 (any 6.5.x.y or 6.6.x works).</source>
        <translation>Version d&apos;AEM : %1 (toute version 6.5.x.y ou 6.6.x fonctionne).</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>Brand Portal configuration: %1.</source>
        <translation>Configuration Brand Portal : %1.</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Brand Portal tenant name.</source>
        <translation>Nom du tenant Brand Portal.</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Milliseconds added before every answer.</source>
        <translation>Millisecondes ajoutées avant chaque réponse.</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>Serve HTTPS with a freshly generated self-signed certificate.</source>
        <translation>Sert en HTTPS avec un certificat auto-signé généré pour l&apos;occasion.</translation>
    </message>
    <message>
        <source>List the IMS OAuth compatibility hotfix as installed.</source>
        <translation>Indique le correctif de compatibilité OAuth IMS comme installé.</translation>
    </message>
    <message>
        <source>Path prefix a dispatcher blocks (repeatable), e.g. /system/console.</source>
        <translation>Préfixe de chemin bloqué par un dispatcher (répétable), par exemple /system/console.</translation>
    </message>
    <message>
        <source>PREFIX</source>
        <translation>PRÉFIXE</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Write Developer Console downloads for the simulated OAuth Server-to-Server and Service Account (JWT) credentials into DIR (created if needed). They hold this run&apos;s throwaway secrets and private key.</source>
        <translation>Écrit dans DOSSIER (créé si nécessaire) les téléchargements Developer Console des identifiants simulés OAuth Server-to-Server et Service Account (JWT). Ils contiennent les secrets jetables et la clé privée de cette exécution.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSSIER</translation>
    </message>
    <message>
        <source>Bind the X.509 certificate in FILE to the JWT credential CLIENT_ID, like the upload in Developer Console (repeatable).</source>
        <translation>Associe le certificat X.509 de FICHIER aux identifiants JWT CLIENT_ID, comme le chargement dans Developer Console (répétable).</translation>
    </message>
    <message>
        <source>CLIENT_ID=FILE</source>
        <translation>CLIENT_ID=FICHIER</translation>
    </message>
    <message>
        <source>Print the URLs and login as one JSON line before serving.</source>
        <translation>Affiche les URL et les informations de connexion sur une ligne JSON avant de servir.</translation>
    </message>
    <message>
        <source> (see bpsetup simulate --help)</source>
        <translation> (voir bpsetup simulate --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup simulate --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup simulate --help).</translation>
    </message>
    <message>
        <source>--port takes a number from 1 to 65534.</source>
        <translation>--port accepte un nombre de 1 à 65534.</translation>
    </message>
    <message>
        <source>--latency takes milliseconds from 0 to 600000.</source>
        <translation>--latency accepte un nombre de millisecondes de 0 à 600000.</translation>
    </message>
    <message>
        <source>--register-certificate takes CLIENT_ID=FILE, got &quot;%1&quot;.</source>
        <translation>--register-certificate attend CLIENT_ID=FICHIER, reçu « %1 ».</translation>
    </message>
    <message>
        <source>Simulated AEM author (%1, %2): %3
</source>
        <translation>Instance de création AEM simulée (%1, %2) : %3
</translation>
    </message>
    <message>
        <source>Simulated Adobe IMS:  %1
</source>
        <translation>Adobe IMS simulé :     %1
</translation>
    </message>
    <message>
        <source>AEM login:            %1 / %2
</source>
        <translation>Compte AEM :           %1 / %2
</translation>
    </message>
    <message>
        <source>OAuth S2S client ID:  %1
</source>
        <translation>ID client OAuth S2S :  %1
</translation>
    </message>
    <message>
        <source>JWT client ID:        %1
</source>
        <translation>ID client JWT :        %1
</translation>
    </message>
    <message>
        <source>Certificate SHA-256:  %1
</source>
        <translation>Certificat SHA-256 :   %1
</translation>
    </message>
    <message>
        <source>Serving until Ctrl+C.</source>
        <translation>En service jusqu&apos;à Ctrl+C.</translation>
    </message>
    <message>
        <source>Credential files written (throwaway secrets of this run):
</source>
        <translation>Fichiers d&apos;identifiants écrits (secrets jetables de cette exécution) :
</translation>
    </message>
    <message>
        <source>Simulator stopped after %1 requests.</source>
        <translation>Simulateur arrêté après %1 requêtes.</translation>
    </message>
    <message>
        <source>Make one setup step fail once with 500 (repeatable): %1. &quot;agents&quot; makes the first Brand Portal cloud configuration save create no replication agents.</source>
        <translation>Fait échouer une fois une étape de configuration avec 500 (répétable) : %1. « agents » fait que le premier enregistrement de la configuration cloud Brand Portal ne crée aucun agent de réplication.</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>ÉTAPE</translation>
    </message>
    <message>
        <source>Print the known --fail-step names and exit.</source>
        <translation>Affiche les noms --fail-step connus et quitte.</translation>
    </message>
    <message>
        <source>Unknown --fail-step &quot;%1&quot;. Known steps: %2.</source>
        <translation>--fail-step inconnu « %1 ». Étapes connues : %2.</translation>
    </message>
    <message>
        <source>Simulate a publish instance (run mode publish).</source>
        <translation>Simule une instance de publication (mode d&apos;exécution publish).</translation>
    </message>
    <message>
        <source>Misbehave on purpose (repeatable): %1. hang, oversize, not-aem and sso-redirect affect AEM; ims-5xx makes the IMS token endpoints answer 503 twice before working, ims-html makes IMS answer everything with a captive-portal login page, ims-hang makes IMS never answer, csrf-expiry accepts each CSRF token for one write only, error-queue (cloud, oauth-s2s) puts 2 failed items in the Brand Portal distribution agent&apos;s error-queue, distribution-test-fails (cloud, oauth-s2s) makes that agent&apos;s Test Connection answer 400 DROPPED.</source>
        <translation>Dysfonctionnements volontaires (répétable) : %1. hang, oversize, not-aem et sso-redirect concernent AEM ; ims-5xx fait répondre 503 deux fois aux points de terminaison de jeton IMS avant qu&apos;ils ne fonctionnent, ims-html fait répondre IMS à tout par une page de connexion de portail captif, ims-hang fait qu&apos;IMS ne répond jamais, csrf-expiry n&apos;accepte chaque jeton CSRF que pour une seule écriture, error-queue (cloud, oauth-s2s) place 2 éléments en échec dans l&apos;error-queue de l&apos;agent de distribution Brand Portal, distribution-test-fails (cloud, oauth-s2s) fait répondre 400 DROPPED au Test Connection de cet agent.</translation>
    </message>
    <message>
        <source>Put N pending items in each Brand Portal replication agent&apos;s queue (a busy queue: the Legacy OAuth Gateway upgrade refuses until it drains).</source>
        <translation>Place N éléments en attente dans la file d&apos;attente de chaque agent de réplication Brand Portal (file occupée : la mise à niveau depuis Legacy OAuth Gateway refuse tant qu&apos;elle ne s&apos;est pas vidée).</translation>
    </message>
    <message>
        <source>Each queue read delivers N of the pending items (default 0: the queues are stuck).</source>
        <translation>Chaque lecture de file d&apos;attente délivre N des éléments en attente (0 par défaut : les files d&apos;attente sont bloquées).</translation>
    </message>
    <message>
        <source>--%1 takes a number from 0 to 10000.</source>
        <translation>--%1 accepte un nombre de 0 à 10000.</translation>
    </message>
    <message>
        <source>Let the simulated IMS exchange JWTs as before 2026-03-01 (by default the JWT credential is converted, as Adobe did with every one, and its exchange fails).</source>
        <translation>Laisse l&apos;IMS simulé échanger des JWT comme avant le 2026-03-01 (par défaut, les identifiants JWT sont convertis, comme Adobe l&apos;a fait pour tous, et leur échange échoue).</translation>
    </message>
    <message>
        <source>Print the known --fault names and exit.</source>
        <translation>Affiche les noms --fault connus et quitte.</translation>
    </message>
    <message>
        <source>Serve the instance a diagnose report describes (the JSON of bpsetup diagnose --json, masked or not): its version, configuration state, tenant and the faults its checks found. Not with --aem-version, --state, --tenant, --fault or --publish.</source>
        <translation>Sert l&apos;instance que décrit un rapport de diagnostic (le JSON de bpsetup diagnose --json, masqué ou non) : sa version, l&apos;état de sa configuration, son tenant et les défaillances trouvées par ses vérifications. Incompatible avec --aem-version, --state, --tenant, --fault ou --publish.</translation>
    </message>
    <message>
        <source>REPORT.json</source>
        <translation>RAPPORT.json</translation>
    </message>
    <message>
        <source>--from-report sets the version, state, tenant and faults; leave out --%1.</source>
        <translation>--from-report définit la version, l&apos;état, le tenant et les défaillances ; omettez --%1.</translation>
    </message>
    <message>
        <source>From the report:      faults %1%2
</source>
        <translation>D&apos;après le rapport :   défaillances %1%2
</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>, publish instance</source>
        <translation>, instance de publication</translation>
    </message>
    <message>
        <source>Not reproduced:       %1
</source>
        <translation>Non reproduit :        %1
</translation>
    </message>
    <message>
        <source>Serve only IMS over HTTPS, with such a certificate (Adobe IMS behind a proxy that inspects TLS); AEM stays plain HTTP.</source>
        <translation>Sert uniquement IMS en HTTPS, avec un tel certificat (Adobe IMS derrière un proxy qui inspecte le TLS) ; AEM reste en HTTP simple.</translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>Could not write &quot;%1&quot;: %2. Choose a directory you can write to.</source>
        <translation>Impossible d&apos;écrire « %1 » : %2. Choisissez un dossier accessible en écriture.</translation>
    </message>
    <message>
        <source>an existing file could not be replaced</source>
        <translation>un fichier existant n&apos;a pas pu être remplacé</translation>
    </message>
    <message>
        <source>the directory could not be created</source>
        <translation>le dossier n&apos;a pas pu être créé</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary JWT key pair. Check the OpenSSL installation.</source>
        <translation>Le simulateur n&apos;a pas pu créer sa paire de clés JWT temporaire. Vérifiez l&apos;installation d&apos;OpenSSL.</translation>
    </message>
    <message>
        <source>This is not an X.509 certificate. Upload the public certificate (certificate_pub.crt, PEM or DER), not the private key.</source>
        <translation>Ce n&apos;est pas un certificat X.509. Chargez le certificat public (certificate_pub.crt, PEM ou DER), et non la clé privée.</translation>
    </message>
    <message>
        <source>The certificate&apos;s key is not an RSA key. Service Account (JWT) credentials need an RSA certificate (RS256).</source>
        <translation>La clé du certificat n&apos;est pas une clé RSA. Les identifiants Service Account (JWT) nécessitent un certificat RSA (RS256).</translation>
    </message>
    <message>
        <source>The certificate could not be stored.</source>
        <translation>Le certificat n&apos;a pas pu être stocké.</translation>
    </message>
    <message>
        <source>The simulated IMS has no credential with the client ID &quot;%1&quot;.</source>
        <translation>L&apos;IMS simulé n&apos;a pas d&apos;identifiants avec l&apos;ID client « %1 ».</translation>
    </message>
    <message>
        <source>Certificates belong to Service Account (JWT) credentials; &quot;%1&quot; is an OAuth Server-to-Server credential.</source>
        <translation>Les certificats appartiennent aux identifiants Service Account (JWT) ; « %1 » sont des identifiants OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The simulator could not listen on 127.0.0.1:%1 (%2). Choose another port or stop the program using it.</source>
        <translation>Le simulateur n&apos;a pas pu écouter sur 127.0.0.1:%1 (%2). Choisissez un autre port ou arrêtez le programme qui l&apos;utilise.</translation>
    </message>
    <message>
        <source>The simulator could not create its temporary TLS certificate. Run it without TLS or check the OpenSSL installation.</source>
        <translation>Le simulateur n&apos;a pas pu créer son certificat TLS temporaire. Exécutez-le sans TLS ou vérifiez l&apos;installation d&apos;OpenSSL.</translation>
    </message>
    <message>
        <source>Unknown AEM version &quot;%1&quot;. Use &quot;cloud&quot;, 6.5.x.y or 6.6.x, for example: %2.</source>
        <translation>Version d&apos;AEM inconnue « %1 ». Utilisez « cloud », 6.5.x.y ou 6.6.x, par exemple : %2.</translation>
    </message>
    <message>
        <source>The tenant &quot;%1&quot; is not valid. Use lower-case letters, digits and hyphens, as in the Brand Portal URL.</source>
        <translation>Le tenant « %1 » n&apos;est pas valide. Utilisez des lettres minuscules, des chiffres et des traits d&apos;union, comme dans l&apos;URL de Brand Portal.</translation>
    </message>
    <message>
        <source>The latency must not be negative.</source>
        <translation>La latence ne doit pas être négative.</translation>
    </message>
    <message>
        <source>Port 65535 leaves no room for the IMS port (port + 1). Choose a lower port.</source>
        <translation>Le port 65535 ne laisse pas de place pour le port IMS (port + 1). Choisissez un port inférieur.</translation>
    </message>
    <message>
        <source>Start the simulator before writing its credential files (they name its IMS URL).</source>
        <translation>Démarrez le simulateur avant d&apos;écrire ses fichiers d&apos;identifiants (ils indiquent l&apos;URL de son IMS).</translation>
    </message>
    <message>
        <source>Unknown simulator state &quot;%1&quot;. Known states: %2.</source>
        <translation>État de simulateur inconnu « %1 ». États connus : %2.</translation>
    </message>
    <message>
        <source>Unknown simulator fault &quot;%1&quot;. Known faults: %2.</source>
        <translation>Défaillance de simulateur inconnue « %1 ». Défaillances connues : %2.</translation>
    </message>
    <message>
        <source>Unknown failure step &quot;%1&quot;. Known steps: %2.</source>
        <translation>Étape d&apos;échec inconnue « %1 ». Étapes connues : %2.</translation>
    </message>
</context>
<context>
    <name>TenantUrl</name>
    <message>
        <source>&quot;%1&quot; is not a Brand Portal tenant URL: %2</source>
        <translation>« %1 » n&apos;est pas une URL de tenant Brand Portal : %2</translation>
    </message>
    <message>
        <source>Give the tenant URL as https://&lt;tenant&gt;.brand-portal.adobe.com (the tenant-id URL, not an alias) or just the tenant name.</source>
        <translation>Indiquez l&apos;URL du tenant sous la forme https://&lt;tenant&gt;.brand-portal.adobe.com (l&apos;URL avec l&apos;ID du tenant, et non un alias) ou simplement le nom du tenant.</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>elle est vide.</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>ce n&apos;est pas une URL.</translation>
    </message>
    <message>
        <source>it must start with https://.</source>
        <translation>elle doit commencer par https://.</translation>
    </message>
    <message>
        <source>it must not have a port.</source>
        <translation>elle ne doit pas comporter de port.</translation>
    </message>
    <message>
        <source>it must not contain a user name.</source>
        <translation>elle ne doit pas contenir de nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>it must not have a path or query.</source>
        <translation>elle ne doit comporter ni chemin ni chaîne de requête.</translation>
    </message>
    <message>
        <source>the host must end with .brand-portal.adobe.com.</source>
        <translation>l&apos;hôte doit se terminer par .brand-portal.adobe.com.</translation>
    </message>
    <message>
        <source>there must be exactly one tenant label before .brand-portal.adobe.com.</source>
        <translation>il doit y avoir exactement un libellé de tenant avant .brand-portal.adobe.com.</translation>
    </message>
    <message>
        <source>%1 is a Brand Portal download host, not a tenant URL.</source>
        <translation>%1 est un hôte de téléchargement Brand Portal, et non une URL de tenant.</translation>
    </message>
    <message>
        <source>Use your tenant&apos;s own URL, https://&lt;tenant&gt;.brand-portal.adobe.com, as shown in the address bar when you sign in to Brand Portal.</source>
        <translation>Utilisez l&apos;URL propre à votre tenant, https://&lt;tenant&gt;.brand-portal.adobe.com, telle qu&apos;elle apparaît dans la barre d&apos;adresse lorsque vous vous connectez à Brand Portal.</translation>
    </message>
</context>
<context>
    <name>TrustStore</name>
    <message>
        <source>The trusted certificates file %1 is damaged (%2) and could not be moved aside; nothing will be saved over it.</source>
        <translation>Le fichier des certificats approuvés %1 est endommagé (%2) et n&apos;a pas pu être mis de côté ; rien ne sera enregistré par-dessus.</translation>
    </message>
    <message>
        <source>Move the file aside by hand; certificates will then be asked for again.</source>
        <translation>Mettez le fichier de côté manuellement ; les certificats seront alors de nouveau demandés.</translation>
    </message>
    <message>
        <source>The trusted certificates file was damaged (%1). It was kept as %2; certificates you trusted before will be asked for again.</source>
        <translation>Le fichier des certificats approuvés était endommagé (%1). Il a été conservé sous %2 ; les certificats que vous aviez approuvés seront de nouveau demandés.</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>trop volumineux</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>ce n&apos;est pas un objet JSON</translation>
    </message>
    <message>
        <source>&quot;pins&quot; is missing or not an object</source>
        <translation>« pins » est manquant ou n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>the entry for %1 is not a SHA-256 fingerprint</source>
        <translation>l&apos;entrée pour %1 n&apos;est pas une empreinte SHA-256</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>Cannot save the trusted certificates file %1: %2</source>
        <translation>Impossible d&apos;enregistrer le fichier des certificats approuvés %1 : %2</translation>
    </message>
    <message>
        <source>its format version is not a whole number this tool understands</source>
        <translation>sa version de format n&apos;est pas un nombre entier que cet outil comprend</translation>
    </message>
    <message>
        <source>The trusted certificates file %1 was written by a newer bpsetup: its pins are used, but new ones are not saved.</source>
        <translation>Le fichier des certificats approuvés %1 a été écrit par une version plus récente de bpsetup : ses épinglages sont utilisés, mais les nouveaux ne sont pas enregistrés.</translation>
    </message>
    <message>
        <source>Update bpsetup.</source>
        <translation>Mettez à jour bpsetup.</translation>
    </message>
</context>
<context>
    <name>ValidateCommand</name>
    <message>
        <source>%1 is a private key, not a Developer Console credential file.</source>
        <translation>%1 est une clé privée, et non un fichier d&apos;identifiants Developer Console.</translation>
    </message>
    <message>
        <source>Pass the key with --private-key, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>Transmettez la clé avec --private-key, et le JSON téléchargé depuis Developer Console avec --credentials.</translation>
    </message>
    <message>
        <source>%1 is a certificate, not a Developer Console credential file.</source>
        <translation>%1 est un certificat, et non un fichier d&apos;identifiants Developer Console.</translation>
    </message>
    <message>
        <source>Pass the certificate with --certificate, and the JSON downloaded from Developer Console with --credentials.</source>
        <translation>Transmettez le certificat avec --certificate, et le JSON téléchargé depuis Developer Console avec --credentials.</translation>
    </message>
    <message>
        <source>Checks Adobe Developer Console credentials directly against Adobe IMS, before anything touches AEM. Nothing is stored; the token IMS issues is discarded.</source>
        <translation>Vérifie des identifiants Adobe Developer Console directement auprès d&apos;Adobe IMS, avant toute intervention sur AEM. Rien n&apos;est stocké ; le jeton délivré par IMS est supprimé.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Credential JSON from Developer Console (project &quot;Download all&quot;, the credential&apos;s Download JSON, or the JWT payload).</source>
        <translation>JSON des identifiants issu de Developer Console (« Download all » du projet, Download JSON des identifiants, ou la charge utile JWT).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>JWT only: the private key (PEM).</source>
        <translation>JWT uniquement : la clé privée (PEM).</translation>
    </message>
    <message>
        <source>PEM</source>
        <translation>PEM</translation>
    </message>
    <message>
        <source>JWT only: the certificate uploaded to the credential (PEM or DER); checked against the private key and for expiry.</source>
        <translation>JWT uniquement : le certificat chargé dans les identifiants (PEM ou DER) ; vérifié par rapport à la clé privée et à sa date d&apos;expiration.</translation>
    </message>
    <message>
        <source>Read the private key&apos;s passphrase from the first line of stdin.</source>
        <translation>Lit la phrase secrète de la clé privée sur la première ligne de stdin.</translation>
    </message>
    <message>
        <source>Adobe IMS address (default https://ims-na1.adobelogin.com; http:// only for 127.0.0.1/localhost).</source>
        <translation>Adresse d&apos;Adobe IMS (par défaut https://ims-na1.adobelogin.com ; http:// uniquement pour 127.0.0.1/localhost).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout.</source>
        <translation>Écrit un seul objet JSON sur stdout.</translation>
    </message>
    <message>
        <source> (see bpsetup validate --help)</source>
        <translation> (voir bpsetup validate --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup validate --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup validate --help).</translation>
    </message>
    <message>
        <source>--credentials FILE is required (the JSON downloaded from Developer Console), or --profile NAME.</source>
        <translation>--credentials FICHIER est obligatoire (le JSON téléchargé depuis Developer Console), ou --profile NOM.</translation>
    </message>
    <message>
        <source>Credential: %1, client %2.</source>
        <translation>Identifiants : %1, client %2.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>avertissement : %1</translation>
    </message>
    <message>
        <source>The credential is incomplete:
  %1</source>
        <translation>Les identifiants sont incomplets :
  %1</translation>
    </message>
    <message>
        <source>This JWT credential is checked by signing a JWT with its private key: pass it with --private-key.</source>
        <translation>Ces identifiants JWT sont vérifiés en signant un JWT avec leur clé privée : transmettez-la avec --private-key.</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>Si AEM a généré la paire de clés (vous avez chargé le certificat public d&apos;AEM dans Developer Console), la clé n&apos;existe que dans AEM : la validation directe est impossible, et c&apos;est le contrôle d&apos;intégrité d&apos;AEM, une fois la configuration appliquée, qui la testera.</translation>
    </message>
    <message>
        <source>Passphrase for the private key: </source>
        <translation>Phrase secrète de la clé privée : </translation>
    </message>
    <message>
        <source>--key-passphrase-stdin was given but stdin had no passphrase.</source>
        <translation>--key-passphrase-stdin a été indiqué, mais stdin ne contenait aucune phrase secrète.</translation>
    </message>
    <message>
        <source>Pass the passphrase on the first line of stdin with --key-passphrase-stdin.</source>
        <translation>Transmettez la phrase secrète sur la première ligne de stdin avec --key-passphrase-stdin.</translation>
    </message>
    <message>
        <source>The certificate expired on %1: IMS no longer accepts JWTs signed for it, and JWT certificates cannot be renewed any more. Migrate to OAuth Server-to-Server.</source>
        <translation>Le certificat a expiré le %1 : IMS n&apos;accepte plus les JWT signés pour lui, et les certificats JWT ne peuvent plus être renouvelés. Migrez vers OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The certificate expires on %1, within 30 days.</source>
        <translation>Le certificat expire le %1, dans moins de 30 jours.</translation>
    </message>
    <message>
        <source>warning: an OAuth Server-to-Server credential needs no private key; --private-key is ignored.</source>
        <translation>avertissement : des identifiants OAuth Server-to-Server n&apos;ont pas besoin de clé privée ; --private-key est ignoré.</translation>
    </message>
    <message>
        <source>OK: Adobe IMS issued a %1 token for %2 (client %3, org %4), valid for %5.</source>
        <translation>OK : Adobe IMS a délivré un jeton %1 pour %2 (client %3, organisation %4), valable %5.</translation>
    </message>
    <message>
        <source>Client secret %1 of %2 was accepted.</source>
        <translation>Le secret client %1 sur %2 a été accepté.</translation>
    </message>
    <message>
        <source>Rejected by Adobe IMS.</source>
        <translation>Refusé par Adobe IMS.</translation>
    </message>
    <message>
        <source>Not checked: Adobe IMS did not decide on the credential.</source>
        <translation>Non vérifié : Adobe IMS ne s&apos;est pas prononcé sur les identifiants.</translation>
    </message>
    <message>
        <source>(IMS said: %1 — %2%3)</source>
        <translation>(réponse d&apos;IMS : %1 — %2%3)</translation>
    </message>
    <message>
        <source>; debug id %1</source>
        <translation>, ID de débogage %1</translation>
    </message>
</context>
<context>
    <name>VerifyChecklist</name>
    <message>
        <source>Run bpsetup verify: it checks from the AEM side what activation creates (the Brand Portal cloud configuration, the distribution agent bpdistributionagent0, its queues and its Test Connection). bpsetup writes no configuration on Cloud Service.</source>
        <translation>Exécutez bpsetup verify : il vérifie côté AEM ce que l&apos;activation crée (la configuration cloud Brand Portal, l&apos;agent de distribution bpdistributionagent0, ses files d&apos;attente et son Test Connection). bpsetup n&apos;écrit aucune configuration sur Cloud Service.</translation>
    </message>
    <message>
        <source>Open Cloud Manager (experience.adobe.com › Cloud Manager).</source>
        <translation>Ouvrez Cloud Manager (experience.adobe.com › Cloud Manager).</translation>
    </message>
    <message>
        <source>Choose the program, then its production environment (the one entitled to Brand Portal) under Environments.</source>
        <translation>Choisissez le programme, puis son environnement de production (celui qui a droit à Brand Portal) sous Environments.</translation>
    </message>
    <message>
        <source>Choose Activate Brand Portal. Adobe currently notes that while Brand Portal is in maintenance mode, activation goes through your Adobe representative: contact them to activate it.</source>
        <translation>Choisissez Activate Brand Portal. Adobe indique actuellement que, tant que Brand Portal est en mode maintenance, l&apos;activation passe par votre représentant Adobe : contactez-le pour l&apos;activer.</translation>
    </message>
    <message>
        <source>Wait until the status shows &apos;Activated&apos; (a few minutes).</source>
        <translation>Attendez que le statut indique « Activated » (quelques minutes).</translation>
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
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>AVERT.</translation>
    </message>
    <message>
        <source>SKIP</source>
        <translation>IGNORÉ</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM :</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Déploiement :</translation>
    </message>
    <message>
        <source>Activating Brand Portal on Cloud Service (done by a person; bpsetup writes nothing):</source>
        <translation>Activation de Brand Portal sur Cloud Service (effectuée par une personne ; bpsetup n&apos;écrit rien) :</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Verify failed at %1: %2</source>
        <translation>Échec de la vérification au niveau de %1 : %2</translation>
    </message>
    <message>
        <source>Verify passed: the configured chain works.</source>
        <translation>Vérification réussie : la chaîne configurée fonctionne.</translation>
    </message>
    <message>
        <source>Checks the configured Brand Portal chain end to end: IMS configuration present and in OAuth mode, the cloud configuration pointing at it, every replication agent&apos;s Test Connection (6.5) or the distribution agent bpdistributionagent0&apos;s Test Connection (Cloud Service, after the activation checklist), and idle queues. The only requests that may change anything are the agents&apos; test requests. Exit 0 when every check passes, 1 when one fails (named with its remedy).</source>
        <translation>Vérifie de bout en bout la chaîne Brand Portal configurée : configuration IMS présente et en mode OAuth, configuration cloud qui y fait référence, Test Connection de chaque agent de réplication (6.5) ou Test Connection de l&apos;agent de distribution bpdistributionagent0 (Cloud Service, après la liste de contrôle de l&apos;activation), et files d&apos;attente inactives. Les seules requêtes susceptibles de modifier quelque chose sont les requêtes de test des agents. Code de sortie 0 si toutes les vérifications réussissent, 1 si l&apos;une échoue (nommée avec sa solution).</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Affiche cette aide.</translation>
    </message>
    <message>
        <source>Print one JSON object on stdout: ok, deployment, checks (id, status, evidence, remedy).</source>
        <translation>Écrit un seul objet JSON sur stdout : ok, deployment, checks (id, status, evidence, remedy).</translation>
    </message>
    <message>
        <source> (see bpsetup verify --help)</source>
        <translation> (voir bpsetup verify --help)</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot; (see bpsetup verify --help).</source>
        <translation>Argument inattendu « %1 » (voir bpsetup verify --help).</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>The zip file is damaged or incomplete.</source>
        <translation>Le fichier zip est endommagé ou incomplet.</translation>
    </message>
    <message>
        <source>The zip file uses a feature bpsetup does not read (%1).</source>
        <translation>Le fichier zip utilise une fonctionnalité que bpsetup ne lit pas (%1).</translation>
    </message>
    <message>
        <source>The zip file holds more than bpsetup reads (%1).</source>
        <translation>Le fichier zip contient plus que ce que bpsetup lit (%1).</translation>
    </message>
    <message>
        <source>The file is not a zip archive.</source>
        <translation>Le fichier n&apos;est pas une archive zip.</translation>
    </message>
    <message>
        <source>%1 entries, at most %2</source>
        <translation>%1 entrées, au maximum %2</translation>
    </message>
    <message>
        <source>%1 is %2 bytes uncompressed, at most %3</source>
        <translation>%1 fait %2 octets une fois décompressé, au maximum %3</translation>
    </message>
    <message>
        <source>more than %1 bytes uncompressed</source>
        <translation>plus de %1 octets une fois décompressé</translation>
    </message>
    <message>
        <source>The zip file has no %1.</source>
        <translation>Le fichier zip ne contient pas %1.</translation>
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
        <translation>AEM 6.5, sur site ou Managed Services</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS, on-premise or managed service</source>
        <translation>AEM 6.5 LTS, sur site ou Managed Services</translation>
    </message>
    <message>
        <source>Another AEM release</source>
        <translation>Autre version d&apos;AEM</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
</context>
<context>
    <name>bp::ActivityLog</name>
    <message>
        <source>Cannot write the activity log %1: %2</source>
        <translation>Impossible d&apos;écrire le journal d&apos;activité %1 : %2</translation>
    </message>
    <message>
        <source>its folder cannot be created</source>
        <translation>son dossier ne peut pas être créé</translation>
    </message>
    <message>
        <source>it is full and cannot be moved to %1</source>
        <translation>il est plein et ne peut pas être déplacé vers %1</translation>
    </message>
</context>
<context>
    <name>bp::AemCall</name>
    <message>
        <source>AEM no longer accepts the user name and password.</source>
        <translation>AEM n&apos;accepte plus le nom d&apos;utilisateur et le mot de passe.</translation>
    </message>
    <message>
        <source>Check the AEM password (it may have been changed while bpsetup was working), then run the command again; what was already written is in the backup.</source>
        <translation>Vérifiez le mot de passe AEM (il a peut-être été modifié pendant que bpsetup travaillait), puis relancez la commande ; ce qui a déjà été écrit se trouve dans la sauvegarde.</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token, so it cannot be changed.</source>
        <translation>AEM n&apos;a pas fourni de jeton CSRF : il ne peut donc pas être modifié.</translation>
    </message>
    <message>
        <source>Allow %1 in the dispatcher and pass the CSRF-Token header through, or connect to the author directly.</source>
        <translation>Autorisez %1 dans le dispatcher et laissez passer l&apos;en-tête CSRF-Token, ou connectez-vous directement à l&apos;instance de création.</translation>
    </message>
    <message>
        <source>AEM did not hand out a CSRF token (it answered %1), so it cannot be changed.</source>
        <translation>AEM n&apos;a pas fourni de jeton CSRF (il a répondu %1) : il ne peut donc pas être modifié.</translation>
    </message>
</context>
<context>
    <name>bp::AemInstance</name>
    <message>
        <source>No Brand Portal configuration</source>
        <translation>Aucune configuration Brand Portal</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway configuration</source>
        <translation>Configuration Legacy OAuth Gateway</translation>
    </message>
    <message>
        <source>Developer Console configuration with a JWT (Service Account) credential</source>
        <translation>Configuration Developer Console avec des identifiants JWT (Service Account)</translation>
    </message>
    <message>
        <source>Developer Console configuration with OAuth Server-to-Server</source>
        <translation>Configuration Developer Console avec OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Configured, but inconsistent or failing</source>
        <translation>Configurée, mais incohérente ou en échec</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>Lecture impossible</translation>
    </message>
    <message>
        <source>the page does not contain a version</source>
        <translation>la page ne contient pas de version</translation>
    </message>
    <message>
        <source>no service pack package listed</source>
        <translation>aucun package de Service Pack listé</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a version this tool understands</source>
        <translation>« %1 » n&apos;est pas une version que cet outil comprend</translation>
    </message>
    <message>
        <source>the package list is not the XML AEM&apos;s Package Manager sends</source>
        <translation>la liste des packages n&apos;est pas le XML qu&apos;envoie le Package Manager d&apos;AEM</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>%1 reports %2, %3 reports %4</source>
        <translation>%1 indique %2, %3 indique %4</translation>
    </message>
    <message>
        <source>not found (%1; a dispatcher may block it)</source>
        <translation>introuvable (%1 ; peut-être bloqué par un dispatcher)</translation>
    </message>
</context>
<context>
    <name>bp::AgentTestsTask</name>
    <message>
        <source>No Brand Portal replication agent for %1 was found.</source>
        <translation>Aucun agent de réplication Brand Portal n&apos;a été trouvé pour %1.</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, save it again and run apply again; AEM creates the agents when it is saved.</source>
        <translation>Ouvrez la configuration cloud Brand Portal, enregistrez-la à nouveau et relancez apply ; AEM crée les agents lors de son enregistrement.</translation>
    </message>
    <message>
        <source>Test Connection of %1 succeeded.</source>
        <translation>Le Test Connection de %1 a réussi.</translation>
    </message>
    <message>
        <source>no result on the page</source>
        <translation>aucun résultat sur la page</translation>
    </message>
    <message>
        <source>Check the IMS configuration (Tools › Security › Adobe IMS Configurations › Check Health), that Extended › Close Connection is set on the agent, and the replication log; then run the test again.</source>
        <translation>Vérifiez la configuration IMS (Tools › Security › Adobe IMS Configurations › Check Health), qu&apos;Extended › Close Connection est activé sur l&apos;agent, ainsi que le journal de réplication ; puis relancez le test.</translation>
    </message>
    <message>
        <source>Open the agent in Tools › Deployment › Replication and look at its queue.</source>
        <translation>Ouvrez l&apos;agent dans Tools › Deployment › Replication et examinez sa file d&apos;attente.</translation>
    </message>
    <message>
        <source>The queue of %1 is idle.</source>
        <translation>La file d&apos;attente de %1 est inactive.</translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 is blocked with %n item(s).</source>
        <translation>
            <numerusform>La file d&apos;attente de %1 est bloquée avec %n élément.</numerusform>
            <numerusform>La file d&apos;attente de %1 est bloquée avec %n éléments.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue of %1 holds %n item(s).</source>
        <translation>
            <numerusform>La file d&apos;attente de %1 contient %n élément.</numerusform>
            <numerusform>La file d&apos;attente de %1 contient %n éléments.</numerusform>
        </translation>
    </message>
    <message>
        <source>Oldest: %1.</source>
        <translation>Le plus ancien : %1.</translation>
    </message>
    <message>
        <source>Look at the replication log for the first failing item; do not disable the agent (queued assets can fail). Retry or clear the item once the cause is fixed.</source>
        <translation>Consultez le journal de réplication pour le premier élément en échec ; ne désactivez pas l&apos;agent (les ressources en file d&apos;attente peuvent échouer). Relancez ou supprimez l&apos;élément une fois la cause corrigée.</translation>
    </message>
    <message>
        <source>Test Connection of %1 failed (%2): %3</source>
        <translation>Le Test Connection de %1 a échoué (%2) : %3</translation>
    </message>
    <message>
        <source>The queue of %1 could not be read (%2).</source>
        <translation>La file d&apos;attente de %1 n&apos;a pas pu être lue (%2).</translation>
    </message>
</context>
<context>
    <name>bp::ApplyRun</name>
    <message>
        <source>Reading the current state</source>
        <translation>Lecture de l&apos;état actuel</translation>
    </message>
    <message>
        <source>The instance changed since the plan was made, so the plan no longer describes what apply would do.</source>
        <translation>L&apos;instance a changé depuis la création du plan : le plan ne décrit donc plus ce que ferait apply.</translation>
    </message>
    <message>
        <source>Run `bpsetup plan` again, review it, then apply the new plan.</source>
        <translation>Relancez `bpsetup plan`, examinez le plan, puis appliquez le nouveau plan.</translation>
    </message>
    <message>
        <source>Backing up as a content package</source>
        <translation>Sauvegarde sous forme de package de contenu</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM. Fix the cause, then run apply again.</source>
        <translation>Rien n&apos;a été modifié sur AEM. Corrigez la cause, puis relancez apply.</translation>
    </message>
    <message>
        <source>Roll back with `bpsetup rollback --backup %1` (the wizard offers Roll back), or fix the cause and run apply again: it continues to the same end state.</source>
        <translation>Restaurez avec `bpsetup rollback --backup %1` (l&apos;assistant propose Restaurer), ou corrigez la cause et relancez apply : il poursuit jusqu&apos;au même état final.</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed: %2</source>
        <translation>L&apos;étape « %1 » a échoué : %2</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>L&apos;application a été annulée.</translation>
    </message>
    <message>
        <source>Testing the replication agents</source>
        <translation>Test des agents de réplication</translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass.</source>
        <translation>
            <numerusform>%n test n&apos;a pas réussi.</numerusform>
            <numerusform>%n tests n&apos;ont pas réussi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bp::BoundedFile</name>
    <message>
        <source>%1 is not a regular file (a pipe, device or folder cannot be the %2). Give the path of the file itself.</source>
        <translation>%1 n&apos;est pas un fichier ordinaire (type attendu : %2 ; un pipe, un périphérique ou un dossier ne convient pas). Indiquez le chemin du fichier lui-même.</translation>
    </message>
    <message>
        <source>%1 is larger than %2, which no %3 is. Check that it is the right file.</source>
        <translation>%1 dépasse %2, taille qu&apos;aucun fichier de ce type (%3) n&apos;atteint. Vérifiez qu&apos;il s&apos;agit du bon fichier.</translation>
    </message>
    <message>
        <source>Cannot read the %1 %2: %3</source>
        <translation>Impossible de lire %2 (%1) : %3</translation>
    </message>
    <message>
        <source>credential file</source>
        <translation>fichier d&apos;identifiants</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>clé privée</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>fichier CA</translation>
    </message>
    <message>
        <source>recipe</source>
        <translation>recette</translation>
    </message>
    <message>
        <source>profiles file</source>
        <translation>fichier des profils</translation>
    </message>
    <message>
        <source>trusted certificates file</source>
        <translation>fichier des certificats approuvés</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation>aucun nom de fichier indiqué</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>sauvegarde</translation>
    </message>
    <message>
        <source>plan file</source>
        <translation>fichier de plan</translation>
    </message>
    <message>
        <source>content package</source>
        <translation>package de contenu</translation>
    </message>
    <message>
        <source>diagnose report</source>
        <translation>rapport de diagnostic</translation>
    </message>
    <message>
        <source>inventory</source>
        <translation>inventaire</translation>
    </message>
</context>
<context>
    <name>bp::CertificateInfo</name>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
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
        <translation>Le fichier d&apos;identifiants contient un seul secret client ; la rotation en nécessite un second.</translation>
    </message>
    <message>
        <source>Generate a second client secret on the credential&apos;s page in Adobe Developer Console, download the credential again and give that file.</source>
        <translation>Générez un second secret client sur la page des identifiants dans Adobe Developer Console, téléchargez à nouveau les identifiants et indiquez ce fichier.</translation>
    </message>
</context>
<context>
    <name>bp::DiagnoseTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>lecture impossible sur Cloud Service</translation>
    </message>
    <message numerus="yes">
        <source>The AEM version could not be read (%n source(s) tried).</source>
        <translation>
            <numerusform>Impossible de lire la version d&apos;AEM (%n source essayée).</numerusform>
            <numerusform>Impossible de lire la version d&apos;AEM (%n sources essayées).</numerusform>
        </translation>
    </message>
    <message>
        <source>AEM as a Cloud Service %1.</source>
        <translation>AEM as a Cloud Service %1.</translation>
    </message>
    <message>
        <source>AEM %1 is below %2, the first version Brand Portal can be configured with Developer Console credentials on.</source>
        <translation>AEM %1 est antérieur à %2, la première version sur laquelle Brand Portal peut être configuré avec des identifiants Developer Console.</translation>
    </message>
    <message>
        <source>Install the latest AEM 6.5 service pack (or move to AEM 6.5 LTS), then run diagnose again.</source>
        <translation>Installez le dernier Service Pack d&apos;AEM 6.5 (ou passez à AEM 6.5 LTS), puis relancez diagnose.</translation>
    </message>
    <message>
        <source>AEM %1; %2 is the latest service pack bpsetup knows of for %3.</source>
        <translation>AEM %1 ; %2 est le dernier Service Pack connu de bpsetup pour %3.</translation>
    </message>
    <message>
        <source>Adobe&apos;s prerequisite for Brand Portal is the latest service pack: plan the update to %1 or later.</source>
        <translation>Le prérequis d&apos;Adobe pour Brand Portal est le dernier Service Pack : planifiez la mise à jour vers %1 ou ultérieur.</translation>
    </message>
    <message>
        <source>AEM %1.</source>
        <translation>AEM %1.</translation>
    </message>
    <message>
        <source>%1 supports OAuth Server-to-Server IMS configurations natively.</source>
        <translation>%1 prend en charge nativement les configurations IMS OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>%1 with %2 installed.</source>
        <translation>%1 avec %2 installé.</translation>
    </message>
    <message>
        <source>%1 needs the OAuth compatibility hotfix %2, which is not installed%3.</source>
        <translation>%1 a besoin du correctif de compatibilité OAuth %2, qui n&apos;est pas installé%3.</translation>
    </message>
    <message>
        <source> (the package list was not readable)</source>
        <translation> (la liste des packages était illisible)</translation>
    </message>
    <message>
        <source>Install %1 from Adobe&apos;s Software Distribution (bpsetup apply --hotfix-package FILE does it as the plan&apos;s first step), or update to 6.5.21.0 or later.</source>
        <translation>Installez %1 depuis Software Distribution d&apos;Adobe (bpsetup apply --hotfix-package FICHIER le fait comme première étape du plan), ou passez à 6.5.21.0 ou ultérieur.</translation>
    </message>
    <message>
        <source>%1 has no OAuth Server-to-Server support (it starts with 6.5.11.0 and the hotfix).</source>
        <translation>%1 ne prend pas en charge OAuth Server-to-Server (disponible à partir de 6.5.11.0 avec le correctif).</translation>
    </message>
    <message>
        <source>Install service pack 6.5.21.0 or later (or 6.5.11.0 or later with %1).</source>
        <translation>Installez le Service Pack 6.5.21.0 ou ultérieur (ou 6.5.11.0 ou ultérieur avec %1).</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: OAuth through Cloud Manager.</source>
        <translation>AEM as a Cloud Service : OAuth via Cloud Manager.</translation>
    </message>
    <message>
        <source>Unknown: the AEM version was not read.</source>
        <translation>Inconnu : la version d&apos;AEM n&apos;a pas été lue.</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (tenant %1).</source>
        <translation>OAuth Server-to-Server (tenant %1).</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal configuration.</source>
        <translation>Non activé : aucune configuration Brand Portal.</translation>
    </message>
    <message>
        <source>No Brand Portal configuration.</source>
        <translation>Aucune configuration Brand Portal.</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (bpsetup verify shows the checklist).</source>
        <translation>Activez Brand Portal dans Cloud Manager (bpsetup verify affiche la liste de contrôle).</translation>
    </message>
    <message>
        <source>Create it with bpsetup plan and bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Créez-la avec bpsetup plan et bpsetup apply, avec des identifiants OAuth Server-to-Server issus d&apos;Adobe Developer Console.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway (tenant %1): the gateway endpoint it uses is gone, so publishing to Brand Portal fails.</source>
        <translation>Legacy OAuth Gateway (tenant %1) : le point de terminaison de passerelle utilisé n&apos;existe plus, la publication vers Brand Portal échoue donc.</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential (the wizard&apos;s Upgrade).</source>
        <translation>Mettez à niveau vers OAuth Server-to-Server : bpsetup plan, puis bpsetup apply, avec des identifiants OAuth Server-to-Server (« Mettre à niveau vers OAuth Server-to-Server » dans l&apos;assistant).</translation>
    </message>
    <message>
        <source>Developer Console JWT (tenant %1): JWT token exchange stopped working when Adobe converted the credentials on %2.</source>
        <translation>JWT Developer Console (tenant %1) : l&apos;échange de jetons JWT a cessé de fonctionner lorsqu&apos;Adobe a converti les identifiants le %2.</translation>
    </message>
    <message>
        <source>Upgrade to OAuth Server-to-Server: download the converted credential of the same project from Developer Console, then bpsetup plan and bpsetup apply (the wizard&apos;s Upgrade).</source>
        <translation>Mettez à niveau vers OAuth Server-to-Server : téléchargez depuis Developer Console les identifiants convertis du même projet, puis exécutez bpsetup plan et bpsetup apply (« Mettre à niveau vers OAuth Server-to-Server » dans l&apos;assistant).</translation>
    </message>
    <message>
        <source>Broken: %1</source>
        <translation>Défectueuse : %1</translation>
    </message>
    <message>
        <source>Adobe&apos;s remedy is delete and recreate: bpsetup apply does it (the wizard&apos;s Upgrade), with a backup and rollback.</source>
        <translation>La solution d&apos;Adobe consiste à supprimer et recréer : bpsetup apply le fait (« Mettre à niveau vers OAuth Server-to-Server » dans l&apos;assistant), avec sauvegarde et possibilité de restauration.</translation>
    </message>
    <message>
        <source>Unknown: the configuration could not be read.</source>
        <translation>Inconnu : la configuration n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>Configurations IMS créées par l&apos;activation : %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configuration(s) in %1.</source>
        <translation>
            <numerusform>%n configuration IMS Brand Portal dans %1.</numerusform>
            <numerusform>%n configurations IMS Brand Portal dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>incomplète</translation>
    </message>
    <message numerus="yes">
        <source>%n Brand Portal IMS configurations: %1. Adobe allows exactly one per tenant.</source>
        <translation>
            <numerusform>%n configuration IMS Brand Portal : %1. Adobe en autorise exactement une par tenant.</numerusform>
            <numerusform>%n configurations IMS Brand Portal : %1. Adobe en autorise exactement une par tenant.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep the one the cloud configuration names and delete the others (bpsetup apply removes them, with a backup).</source>
        <translation>Conservez celle que nomme la configuration cloud et supprimez les autres (bpsetup apply les supprime, avec une sauvegarde).</translation>
    </message>
    <message>
        <source>No second configuration beside the one found.</source>
        <translation>Aucune autre configuration à côté de celle trouvée.</translation>
    </message>
    <message>
        <source>No Legacy OAuth Gateway objects beside the configuration.</source>
        <translation>Aucun objet Legacy OAuth Gateway à côté de la configuration.</translation>
    </message>
    <message>
        <source>Legacy OAuth Gateway objects beside the current configuration: %1.</source>
        <translation>Objets Legacy OAuth Gateway à côté de la configuration actuelle : %1.</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration names a tenant.</source>
        <translation>Aucune configuration cloud Brand Portal ne nomme de tenant.</translation>
    </message>
    <message>
        <source>Use https://&lt;tenant-id&gt;.brand-portal.adobe.com, the tenant-id URL (not an alias or a download host).</source>
        <translation>Utilisez https://&lt;tenant-id&gt;.brand-portal.adobe.com, l&apos;URL avec l&apos;ID du tenant (et non un alias ou un hôte de téléchargement).</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service publishes through the distribution agent, not replication agents.</source>
        <translation>AEM as a Cloud Service publie via l&apos;agent de distribution, et non via des agents de réplication.</translation>
    </message>
    <message>
        <source>No Brand Portal replication agent in %1.</source>
        <translation>Aucun agent de réplication Brand Portal dans %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n agent(s) enabled: %1.</source>
        <translation>
            <numerusform>%n agent activé : %1.</numerusform>
            <numerusform>Les %n agents sont activés : %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>Agents désactivés : %1.</translation>
    </message>
    <message>
        <source>Enable them (Tools › Deployment › Replication › the agent › Edit › Enabled): the Brand Portal agents share the publishing jobs. Do not disable an agent to stop failures; fix the cause.</source>
        <translation>Activez-les (Tools › Deployment › Replication › the agent › Edit › Enabled) : les agents Brand Portal se partagent les tâches de publication. Ne désactivez pas un agent pour faire cesser les échecs ; corrigez-en la cause.</translation>
    </message>
    <message numerus="yes">
        <source>Close Connection is set on all %n agent(s).</source>
        <translation>
            <numerusform>Close Connection est activé sur %n agent.</numerusform>
            <numerusform>Close Connection est activé sur les %n agents.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close Connection is not set on %1 (%2 read).</source>
        <translation>Close Connection n&apos;est pas activé sur %1 (%2 lus).</translation>
    </message>
    <message>
        <source>Tick Extended › Close Connection on every Brand Portal agent (bpsetup apply sets it): without it, Test Connection and publishing time out under load.</source>
        <translation>Cochez Extended › Close Connection sur chaque agent Brand Portal (bpsetup apply l&apos;active) : sans cela, Test Connection et la publication expirent sous la charge.</translation>
    </message>
    <message>
        <source>The run modes are %1 (the Felix console is not exposed).</source>
        <translation>Modes d&apos;exécution : %1 (la console Felix n&apos;est pas exposée).</translation>
    </message>
    <message>
        <source>The run modes could not be read (%1): the Felix console is blocked or not allowed for this user.</source>
        <translation>Impossible de lire les modes d&apos;exécution (%1) : la console Felix est bloquée ou n&apos;est pas autorisée pour cet utilisateur.</translation>
    </message>
    <message>
        <source>Run modes %1: this is a publish instance.</source>
        <translation>Modes d&apos;exécution %1 : il s&apos;agit d&apos;une instance de publication.</translation>
    </message>
    <message>
        <source>Brand Portal is configured on the author: connect to the author instance.</source>
        <translation>Brand Portal se configure sur l&apos;instance de création : connectez-vous à l&apos;instance de création.</translation>
    </message>
    <message>
        <source>Run modes %1: neither author nor publish.</source>
        <translation>Modes d&apos;exécution %1 : ni author ni publish.</translation>
    </message>
    <message>
        <source>Run modes %1.</source>
        <translation>Modes d&apos;exécution %1.</translation>
    </message>
    <message>
        <source>No answer from AEM carried a Date header.</source>
        <translation>Aucune réponse d&apos;AEM ne comportait d&apos;en-tête Date.</translation>
    </message>
    <message numerus="yes">
        <source>AEM&apos;s clock (Date header %1) differs from this machine&apos;s by %n second(s).</source>
        <translation>
            <numerusform>L&apos;horloge d&apos;AEM (en-tête Date %1) diffère de celle de cette machine de %n seconde.</numerusform>
            <numerusform>L&apos;horloge d&apos;AEM (en-tête Date %1) diffère de celle de cette machine de %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Synchronise the clocks with NTP (on the AEM host and here): Adobe IMS rejects tokens and JWTs for time differences beyond about a minute.</source>
        <translation>Synchronisez les horloges avec NTP (sur l&apos;hôte AEM et ici) : Adobe IMS refuse les jetons et les JWT lorsque le décalage dépasse environ une minute.</translation>
    </message>
    <message>
        <source>bpsetup reached AEM without a proxy.</source>
        <translation>bpsetup a atteint AEM sans proxy.</translation>
    </message>
    <message>
        <source>bpsetup reached AEM through the proxy %1.</source>
        <translation>bpsetup a atteint AEM via le proxy %1.</translation>
    </message>
    <message>
        <source>AEM has no outbound proxy configured in %1.</source>
        <translation>AEM n&apos;a aucun proxy sortant configuré dans %1.</translation>
    </message>
    <message>
        <source>AEM&apos;s outbound proxy is configured in %1; IMS and Brand Portal must be allowed through it.</source>
        <translation>Le proxy sortant d&apos;AEM est configuré dans %1 ; IMS et Brand Portal doivent y être autorisés.</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) of detection.</source>
        <translation>
            <numerusform>%1 a répondu à %n requête de détection.</numerusform>
            <numerusform>%1 a répondu à %n requêtes de détection.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every path detection read was answered by AEM itself (%n path(s)).</source>
        <translation>
            <numerusform>Le chemin lu par la détection a reçu sa réponse d&apos;AEM lui-même (%n chemin).</numerusform>
            <numerusform>Tous les chemins lus par la détection ont reçu leur réponse d&apos;AEM lui-même (%n chemins).</numerusform>
        </translation>
    </message>
    <message>
        <source>Answered by something in front of AEM, not by AEM: %1.</source>
        <translation>Réponse fournie par un élément placé devant AEM, et non par AEM : %1.</translation>
    </message>
    <message>
        <source>Run bpsetup against the author directly (for example port 4502, not through the dispatcher), or allow these paths for administrators in the dispatcher filters; the checks that need them cannot see the real state otherwise.</source>
        <translation>Exécutez bpsetup directement sur l&apos;instance de création (par exemple sur le port 4502, sans passer par le dispatcher), ou autorisez ces chemins pour les administrateurs dans les filtres du dispatcher ; sinon, les vérifications qui en ont besoin ne peuvent pas voir l&apos;état réel.</translation>
    </message>
    <message>
        <source>Checked across instances in fleet runs (bpsetup diagnose --inventory): a tenant paired with several authors (stage and production) loses contributed assets to whichever polls first.</source>
        <translation>Vérifié sur l&apos;ensemble des instances lors des exécutions groupées (bpsetup diagnose --inventory) : un tenant associé à plusieurs instances de création (évaluation et production) voit ses ressources contribuées récupérées par celle qui interroge la première.</translation>
    </message>
    <message>
        <source>Only JWT and Legacy OAuth Gateway setups sign with a key from a keystore; OAuth Server-to-Server uses none.</source>
        <translation>Seules les configurations JWT et Legacy OAuth Gateway signent avec une clé issue d&apos;un keystore ; OAuth Server-to-Server n&apos;en utilise aucune.</translation>
    </message>
    <message>
        <source>%1: keystore not readable</source>
        <translation>%1 : keystore illisible</translation>
    </message>
    <message>
        <source>%1: no expiry date</source>
        <translation>%1 : pas de date d&apos;expiration</translation>
    </message>
    <message>
        <source>%1 expired on %2</source>
        <translation>%1 a expiré le %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 expires on %2 (in %n day(s))</source>
        <translation>
            <numerusform>%1 expire le %2 (dans %n jour)</numerusform>
            <numerusform>%1 expire le %2 (dans %n jours)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 valid until %2</source>
        <translation>%1 valide jusqu&apos;au %2</translation>
    </message>
    <message>
        <source>No keystore with a key was found.</source>
        <translation>Aucun keystore contenant une clé n&apos;a été trouvé.</translation>
    </message>
    <message>
        <source>The key signs the JWT (or the gateway login) and must be valid; the lasting fix is the upgrade to OAuth Server-to-Server, which needs no key (bpsetup apply, the wizard&apos;s Upgrade).</source>
        <translation>La clé signe le JWT (ou la connexion à la passerelle) et doit être valide ; la solution durable est la mise à niveau vers OAuth Server-to-Server, qui ne nécessite aucune clé (bpsetup apply, « Mettre à niveau vers OAuth Server-to-Server » dans l&apos;assistant).</translation>
    </message>
    <message>
        <source>the user %1 could not be looked up (%2)</source>
        <translation>l&apos;utilisateur %1 n&apos;a pas pu être recherché (%2)</translation>
    </message>
    <message>
        <source>Delete them after checking their queues are empty (Adobe&apos;s upgrade order; bpsetup apply does it with a backup): they hold an old key and can take publishing jobs.</source>
        <translation>Supprimez-les après avoir vérifié que leurs files d&apos;attente sont vides (ordre de mise à niveau d&apos;Adobe ; bpsetup apply le fait avec une sauvegarde) : ils contiennent une ancienne clé et peuvent prendre des tâches de publication.</translation>
    </message>
    <message>
        <source>The Felix console&apos;s Configuration Admin is %1.</source>
        <translation>Configuration Admin de la console Felix : %1.</translation>
    </message>
    <message>
        <source>Configuration Admin was not read.</source>
        <translation>Configuration Admin n&apos;a pas été lu.</translation>
    </message>
    <message>
        <source>Configuration Admin could not be read at %1 (%2), so the IMS configurations were read from %3 only. The cross-check needs a user who may open the Felix console.</source>
        <translation>Configuration Admin n&apos;a pas pu être lu à l&apos;adresse %1 (%2) : les configurations IMS n&apos;ont donc été lues que dans %3. La vérification croisée nécessite un utilisateur autorisé à ouvrir la console Felix.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>aucune réponse</translation>
    </message>
    <message>
        <source>%1 is %2 in the file, %3 in use</source>
        <translation>%1 vaut %2 dans le fichier, %3 en service</translation>
    </message>
    <message>
        <source>%1 (client %2, named by the cloud configuration: AEM uses it although the repository does not hold it)</source>
        <translation>%1 (client %2, nommée par la configuration cloud : AEM l&apos;utilise bien que le référentiel ne la contienne pas)</translation>
    </message>
    <message>
        <source>%1 (client %2)</source>
        <translation>%1 (client %2)</translation>
    </message>
    <message>
        <source>The IMS configuration the cloud configuration names is in the repository but not in Configuration Admin, so AEM does not use it: %1. Configuration Admin: %2.</source>
        <translation>La configuration IMS nommée par la configuration cloud se trouve dans le référentiel mais pas dans Configuration Admin, donc AEM ne l&apos;utilise pas : %1. Configuration Admin : %2.</translation>
    </message>
    <message>
        <source>Look for the file in /system/console/osgi-installer (Sling&apos;s installer skips files it cannot read or name), fix or remove it, or recreate the configuration with bpsetup apply; then diagnose again.</source>
        <translation>Recherchez le fichier dans /system/console/osgi-installer (l&apos;installateur de Sling ignore les fichiers qu&apos;il ne peut pas lire ou nommer), corrigez-le ou supprimez-le, ou recréez la configuration avec bpsetup apply ; puis relancez le diagnostic.</translation>
    </message>
    <message>
        <source>in the repository but not in use: %1</source>
        <translation>dans le référentiel mais pas en service : %1</translation>
    </message>
    <message>
        <source>the file and the configuration in use differ: %1</source>
        <translation>dont le fichier et la configuration en service diffèrent : %1</translation>
    </message>
    <message>
        <source>only in Configuration Admin, not under %1, so detection, content packages and bpsetup backups do not see it: %2</source>
        <translation>uniquement dans Configuration Admin, pas sous %1, donc invisibles pour la détection, les packages de contenu et les sauvegardes bpsetup : %2</translation>
    </message>
    <message>
        <source>Brand Portal IMS configurations %1. Configuration Admin: %2.</source>
        <translation>Configurations IMS Brand Portal %1. Configuration Admin : %2.</translation>
    </message>
    <message>
        <source>Keep exactly one Brand Portal IMS configuration, saved in the repository: save it again in Tools › Security › Adobe IMS Configurations (AEM writes it under %1) or recreate it with bpsetup apply, and delete the others in /system/console/configMgr.</source>
        <translation>Conservez exactement une configuration IMS Brand Portal, enregistrée dans le référentiel : enregistrez-la à nouveau dans Tools › Security › Adobe IMS Configurations (AEM l&apos;écrit sous %1) ou recréez-la avec bpsetup apply, et supprimez les autres dans /system/console/configMgr.</translation>
    </message>
    <message>
        <source>Neither %1 nor Configuration Admin (%2) holds a Brand Portal IMS configuration.</source>
        <translation>Ni %1 ni Configuration Admin (%2) ne contient de configuration IMS Brand Portal.</translation>
    </message>
    <message>
        <source>In use as in the repository: %1. Configuration Admin: %2.</source>
        <translation>En service comme dans le référentiel : %1. Configuration Admin : %2.</translation>
    </message>
    <message>
        <source>Give it with --aem-version, or let the AEM user read the paths the version sources need (bpsetup detect lists them).</source>
        <translation>Indiquez-la avec --aem-version, ou autorisez l&apos;utilisateur AEM à lire les chemins dont les sources de version ont besoin (bpsetup detect les liste).</translation>
    </message>
</context>
<context>
    <name>bp::DisplayFormat</name>
    <message>
        <source>1 second</source>
        <translation>1 seconde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 secondes</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 heures</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
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
        <translation>Impossible de lire %1 (%2).</translation>
    </message>
    <message>
        <source>%1: AEM did not send JSON.</source>
        <translation>%1 : AEM n&apos;a pas envoyé de JSON.</translation>
    </message>
    <message>
        <source>The IMS configuration %1 could not be read.</source>
        <translation>Impossible de lire la configuration IMS %1.</translation>
    </message>
    <message>
        <source>%1 Brand Portal IMS configurations exist; Adobe allows only one per tenant.</source>
        <translation>%1 configurations IMS Brand Portal existent ; Adobe n&apos;en autorise qu&apos;une par tenant.</translation>
    </message>
    <message>
        <source>%1 Brand Portal cloud configurations exist; keep one author ↔ one tenant.</source>
        <translation>%1 configurations cloud Brand Portal existent ; respectez la règle une instance de création ↔ un tenant.</translation>
    </message>
    <message>
        <source>The cloud configuration %1 refers to the IMS configuration &quot;%2&quot;, which does not exist.</source>
        <translation>La configuration cloud %1 fait référence à la configuration IMS « %2 », qui n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The IMS configuration %1 has neither OAuth nor JWT settings.</source>
        <translation>La configuration IMS %1 n&apos;a ni paramètres OAuth ni paramètres JWT.</translation>
    </message>
    <message>
        <source>No Brand Portal replication agents were found under %1 (4 are expected per tenant); they are created when the cloud configuration is saved.</source>
        <translation>Aucun agent de réplication Brand Portal n&apos;a été trouvé sous %1 (4 sont attendus par tenant) ; ils sont créés lors de l&apos;enregistrement de la configuration cloud.</translation>
    </message>
    <message>
        <source>The replication agent %1 is disabled; queued assets can fail.</source>
        <translation>L&apos;agent de réplication %1 est désactivé ; les ressources en file d&apos;attente peuvent échouer.</translation>
    </message>
    <message>
        <source>A Brand Portal IMS configuration exists but no Brand Portal cloud configuration uses it.</source>
        <translation>Une configuration IMS Brand Portal existe, mais aucune configuration cloud Brand Portal ne l&apos;utilise.</translation>
    </message>
    <message>
        <source>Connect as an administrator; a dispatcher in front of AEM may block the path.</source>
        <translation>Connectez-vous en tant qu&apos;administrateur ; un dispatcher placé devant AEM bloque peut-être le chemin.</translation>
    </message>
    <message>
        <source>Keep the IMS configuration the Brand Portal cloud configuration uses and delete the others.</source>
        <translation>Conservez la configuration IMS qu&apos;utilise la configuration cloud Brand Portal et supprimez les autres.</translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per author.</source>
        <translation>Conservez une seule configuration cloud Brand Portal par instance de création.</translation>
    </message>
    <message>
        <source>Delete the inconsistent configuration and create it again (the upgrade path does this with a backup).</source>
        <translation>Supprimez la configuration incohérente et recréez-la (le parcours de mise à niveau le fait avec une sauvegarde).</translation>
    </message>
    <message>
        <source>Open the Brand Portal cloud configuration, make a small edit and save it again; AEM then creates the agents.</source>
        <translation>Ouvrez la configuration cloud Brand Portal, apportez-y une petite modification et enregistrez-la à nouveau ; AEM crée alors les agents.</translation>
    </message>
    <message>
        <source>Enable the agent: Adobe advises never to disable Brand Portal agents.</source>
        <translation>Activez l&apos;agent : Adobe conseille de ne jamais désactiver les agents Brand Portal.</translation>
    </message>
    <message>
        <source>The IMS configuration &quot;%2&quot; that %1 uses is not readable on Cloud Service (activation keeps it outside /apps).</source>
        <translation>La configuration IMS « %2 » qu&apos;utilise %1 est illisible sur Cloud Service (l&apos;activation la conserve hors de /apps).</translation>
    </message>
    <message>
        <source>The Brand Portal distribution agent %1 does not exist.</source>
        <translation>L&apos;agent de distribution Brand Portal %1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Activate Brand Portal for the environment in Cloud Manager (through your Adobe representative while Brand Portal is in maintenance mode), then run bpsetup verify.</source>
        <translation>Activez Brand Portal pour l&apos;environnement dans Cloud Manager (par l&apos;intermédiaire de votre représentant Adobe tant que Brand Portal est en mode maintenance), puis exécutez bpsetup verify.</translation>
    </message>
</context>
<context>
    <name>bp::FleetTask</name>
    <message>
        <source>No result within %1 s.</source>
        <translation>Aucun résultat en %1 s.</translation>
    </message>
    <message>
        <source>Check that the instance answers, or give it more time with --instance-timeout.</source>
        <translation>Vérifiez que l&apos;instance répond, ou accordez-lui plus de temps avec --instance-timeout.</translation>
    </message>
    <message>
        <source>No other instance of this run is configured with tenant %1.</source>
        <translation>Aucune autre instance de cette exécution n&apos;est configurée avec le tenant %1.</translation>
    </message>
    <message>
        <source>Tenant %1 is also configured on %2.</source>
        <translation>Le tenant %1 est aussi configuré sur %2.</translation>
    </message>
    <message>
        <source>Keep one author per Brand Portal tenant (for example a separate tenant for stage): assets contributed in Brand Portal reach only the author that polls first.</source>
        <translation>Conservez une seule instance de création par tenant Brand Portal (par exemple un tenant distinct pour l&apos;évaluation) : les ressources contribuées dans Brand Portal n&apos;atteignent que l&apos;instance de création qui interroge la première.</translation>
    </message>
</context>
<context>
    <name>bp::HttpClient</name>
    <message>
        <source>Refused to send %1 %2: this operation is read-only.</source>
        <translation>Envoi de %1 %2 refusé : cette opération est en lecture seule.</translation>
    </message>
    <message>
        <source>Nothing was sent. This is a defect in bpsetup: please report it with the command you ran.</source>
        <translation>Rien n&apos;a été envoyé. Il s&apos;agit d&apos;un défaut de bpsetup : veuillez le signaler en indiquant la commande que vous avez exécutée.</translation>
    </message>
</context>
<context>
    <name>bp::HttpJob</name>
    <message>
        <source>%1 seconds</source>
        <translation>%1 secondes</translation>
    </message>
    <message>
        <source>Check that Adobe IMS can be reached from this machine (firewall, proxy).</source>
        <translation>Vérifiez qu&apos;Adobe IMS est joignable depuis cette machine (pare-feu, proxy).</translation>
    </message>
    <message>
        <source>Check that the address and port are right and that no firewall or proxy holds the connection.</source>
        <translation>Vérifiez que l&apos;adresse et le port sont corrects et qu&apos;aucun pare-feu ou proxy ne retient la connexion.</translation>
    </message>
    <message>
        <source>%1 did not send a complete answer within %2.</source>
        <translation>%1 n&apos;a pas envoyé de réponse complète en %2.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2.</source>
        <translation>%1 n&apos;a pas répondu en %2.</translation>
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
        <translation>%1 a envoyé une réponse de plus de %2 Mio pour %3 ; ce n&apos;est pas ce que %4 envoie ici.</translation>
    </message>
    <message>
        <source>%1 sent a response header block larger than %2 KiB for %3 (or one that cannot be read); that is not what %4 sends.</source>
        <translation>%1 a envoyé un bloc d&apos;en-têtes de réponse de plus de %2 Kio pour %3 (ou un bloc illisible) ; ce n&apos;est pas ce que %4 envoie.</translation>
    </message>
    <message>
        <source>%1 sent a compressed answer for %2 that expands beyond %3 MiB (or is damaged); that is not what %4 sends.</source>
        <translation>%1 a envoyé pour %2 une réponse compressée qui dépasse %3 Mio une fois décompressée (ou qui est endommagée) ; ce n&apos;est pas ce que %4 envoie.</translation>
    </message>
    <message>
        <source>Check that the address points at an AEM author instance.</source>
        <translation>Vérifiez que l&apos;adresse pointe vers une instance de création AEM.</translation>
    </message>
    <message>
        <source>Check the address.</source>
        <translation>Vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted earlier for %1 (trusted SHA-256 %2). It may have been renewed, or someone may be intercepting the connection: check with your administrator before trusting the new one.</source>
        <translation>Le certificat du serveur n&apos;est pas celui approuvé précédemment pour %1 (SHA-256 approuvé : %2). Il a peut-être été renouvelé, ou quelqu&apos;un intercepte peut-être la connexion : vérifiez auprès de votre administrateur avant d&apos;approuver le nouveau.</translation>
    </message>
    <message>
        <source>The connection to %1 through the proxy %2 was refused.</source>
        <translation>La connexion à %1 via le proxy %2 a été refusée.</translation>
    </message>
    <message>
        <source>Check the proxy address, or clear it to use the system proxy.</source>
        <translation>Vérifiez l&apos;adresse du proxy, ou effacez-la pour utiliser le proxy du système.</translation>
    </message>
    <message>
        <source>Nothing accepted the connection at %1.</source>
        <translation>Rien n&apos;a accepté la connexion sur %1.</translation>
    </message>
    <message>
        <source>Check that AEM is running and that the port is right (an AEM author usually listens on 4502 or, behind a load balancer, 443).</source>
        <translation>Vérifiez qu&apos;AEM est en cours d&apos;exécution et que le port est correct (une instance de création AEM écoute généralement sur 4502 ou, derrière un répartiteur de charge, sur 443).</translation>
    </message>
    <message>
        <source>Check the Adobe IMS address (normally https://ims-na1.adobelogin.com) and that this machine may connect to it.</source>
        <translation>Vérifiez l&apos;adresse d&apos;Adobe IMS (normalement https://ims-na1.adobelogin.com) et que cette machine est autorisée à s&apos;y connecter.</translation>
    </message>
    <message>
        <source>Check the address and port.</source>
        <translation>Vérifiez l&apos;adresse et le port.</translation>
    </message>
    <message>
        <source>The host name %1 could not be found.</source>
        <translation>Le nom d&apos;hôte %1 est introuvable.</translation>
    </message>
    <message>
        <source>Check the spelling and your DNS or VPN.</source>
        <translation>Vérifiez l&apos;orthographe ainsi que votre DNS ou VPN.</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering.</source>
        <translation>%1 a fermé la connexion sans répondre.</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, change the address to https://.</source>
        <translation>Si le serveur utilise HTTPS, remplacez l&apos;adresse par https://.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2).</source>
        <translation>Le certificat de %1 n&apos;est pas approuvé (%2).</translation>
    </message>
    <message>
        <source>Trust it only if its SHA-256 fingerprint matches what your administrator gave you, or add the issuing CA with the CA file option.</source>
        <translation>Approuvez-le uniquement si son empreinte SHA-256 correspond à celle fournie par votre administrateur, ou ajoutez l&apos;autorité de certification émettrice avec l&apos;option du fichier CA.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed (%2).</source>
        <translation>La connexion sécurisée à %1 a échoué (%2).</translation>
    </message>
    <message>
        <source>If this port serves plain HTTP, change the address to http://.</source>
        <translation>Si ce port sert du HTTP simple, remplacez l&apos;adresse par http://.</translation>
    </message>
    <message>
        <source>The proxy could not be used (%1).</source>
        <translation>Le proxy n&apos;a pas pu être utilisé (%1).</translation>
    </message>
    <message>
        <source>The proxy asks for a login (HTTP 407).</source>
        <translation>Le proxy demande une authentification (HTTP 407).</translation>
    </message>
    <message>
        <source>Put the proxy user and password in the proxy address (http://user:password@proxy:port).</source>
        <translation>Indiquez l&apos;utilisateur et le mot de passe du proxy dans l&apos;adresse du proxy (http://utilisateur:motdepasse@proxy:port).</translation>
    </message>
    <message>
        <source>%1 stopped sending data.</source>
        <translation>%1 a cessé d&apos;envoyer des données.</translation>
    </message>
    <message>
        <source>Check the network and try again.</source>
        <translation>Vérifiez le réseau et réessayez.</translation>
    </message>
    <message>
        <source>Talking to %1 failed: %2.</source>
        <translation>La communication avec %1 a échoué : %2.</translation>
    </message>
    <message>
        <source>If the server uses HTTPS, use https://.</source>
        <translation>Si le serveur utilise HTTPS, utilisez https://.</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers.</source>
        <translation>Ouvrez %1 dans un navigateur sur cette machine pour voir ce qui répond.</translation>
    </message>
    <message>
        <source>%1 sent answers larger than %2 MiB together while %3 was read; that is not what %4 sends.</source>
        <translation>%1 a envoyé des réponses totalisant plus de %2 Mio pendant la lecture de %3 ; ce n&apos;est pas ce que %4 envoie.</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 seconde</translation>
    </message>
    <message>
        <source>A proxy that inspects TLS is probably answering for Adobe IMS: trust its certificate only if your network team confirms its SHA-256 fingerprint, or add the proxy&apos;s CA with the CA file option.</source>
        <translation>Un proxy qui inspecte le TLS répond probablement à la place d&apos;Adobe IMS : n&apos;approuvez son certificat que si votre équipe réseau confirme son empreinte SHA-256, ou ajoutez l&apos;autorité de certification du proxy avec l&apos;option du fichier CA.</translation>
    </message>
</context>
<context>
    <name>bp::ImsValidator</name>
    <message>
        <source>&quot;%1&quot; is not an IMS address; use e.g. https://ims-na1.adobelogin.com.</source>
        <translation>« %1 » n&apos;est pas une adresse IMS ; utilisez par exemple https://ims-na1.adobelogin.com.</translation>
    </message>
    <message>
        <source>Adobe IMS must be reached over https://; plain http:// is accepted only for a simulator on this machine (127.0.0.1 or localhost).</source>
        <translation>Adobe IMS doit être joint en https:// ; le http:// simple n&apos;est accepté que pour un simulateur sur cette machine (127.0.0.1 ou localhost).</translation>
    </message>
    <message>
        <source>Give the IMS address without a query, fragment or login.</source>
        <translation>Indiquez l&apos;adresse IMS sans chaîne de requête, fragment ni informations de connexion.</translation>
    </message>
    <message>
        <source>No Adobe IMS address was given.</source>
        <translation>Aucune adresse Adobe IMS n&apos;a été indiquée.</translation>
    </message>
    <message>
        <source>A JWT credential is validated by signing a JWT with its private key, and none was given.</source>
        <translation>Des identifiants JWT se valident en signant un JWT avec leur clé privée, et aucune n&apos;a été indiquée.</translation>
    </message>
    <message>
        <source>If AEM generated the key pair (you uploaded AEM&apos;s public certificate to Developer Console), the key exists only inside AEM: direct validation is impossible, and AEM&apos;s own health check after the configuration is applied will test it.</source>
        <translation>Si AEM a généré la paire de clés (vous avez chargé le certificat public d&apos;AEM dans Developer Console), la clé n&apos;existe que dans AEM : la validation directe est impossible, et c&apos;est le contrôle d&apos;intégrité d&apos;AEM, une fois la configuration appliquée, qui la testera.</translation>
    </message>
    <message>
        <source>The credential kind is unknown.</source>
        <translation>Le type d&apos;identifiants est inconnu.</translation>
    </message>
    <message>
        <source>Asking Adobe IMS again (attempt %1 of %2)…</source>
        <translation>Nouvelle demande à Adobe IMS (tentative %1 sur %2)…</translation>
    </message>
    <message>
        <source>Asking Adobe IMS at %1 for a token…</source>
        <translation>Demande de jeton à Adobe IMS sur %1…</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s…</source>
        <translation>%1 Nouvel essai dans %2 s…</translation>
    </message>
    <message>
        <source>Could not reach Adobe IMS (%1).</source>
        <translation>Impossible de joindre Adobe IMS (%1).</translation>
    </message>
    <message>
        <source>Open %1 in a browser on this machine to see what answers; allow HTTPS to it or set the proxy.</source>
        <translation>Ouvrez %1 dans un navigateur sur cette machine pour voir ce qui répond ; autorisez le HTTPS vers cette adresse ou définissez le proxy.</translation>
    </message>
    <message>
        <source>Check the IMS address (normally https://ims-na1.adobelogin.com).</source>
        <translation>Vérifiez l&apos;adresse IMS (normalement https://ims-na1.adobelogin.com).</translation>
    </message>
    <message>
        <source>The first client secret was not accepted; trying the second…</source>
        <translation>Le premier secret client n&apos;a pas été accepté ; essai du second…</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>d&apos;avance sur</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>de retard sur</translation>
    </message>
    <message>
        <source>Adobe IMS did not accept the client secret.</source>
        <translation>Adobe IMS n&apos;a pas accepté le secret client.</translation>
    </message>
    <message>
        <source>Copy the client secret again from the JWT credential page in Developer Console (Retrieve client secret).</source>
        <translation>Copiez à nouveau le secret client depuis la page des identifiants JWT dans Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>Copy the client secret again from the OAuth Server-to-Server credential page in Developer Console; if it was rotated or deleted, use a current one.</source>
        <translation>Copiez à nouveau le secret client depuis la page des identifiants OAuth Server-to-Server dans Developer Console ; s&apos;il a été renouvelé ou supprimé, utilisez un secret actuel.</translation>
    </message>
    <message>
        <source>Adobe IMS does not know this client ID.</source>
        <translation>Adobe IMS ne connaît pas cet ID client.</translation>
    </message>
    <message>
        <source>Check the client ID (API key) on the credential page, and that the credential still exists in Developer Console (a cancelled migration deletes the OAuth credential).</source>
        <translation>Vérifiez l&apos;ID client (clé d&apos;API) sur la page des identifiants, et que les identifiants existent toujours dans Developer Console (une migration annulée supprime les identifiants OAuth).</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client: the JWT audience does not match the client ID or this IMS host.</source>
        <translation>Adobe IMS a refusé le client : l&apos;audience du JWT ne correspond pas à l&apos;ID client ou à cet hôte IMS.</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the client.</source>
        <translation>Adobe IMS a refusé le client.</translation>
    </message>
    <message>
        <source>Check the client ID and that the IMS address is https://ims-na1.adobelogin.com.</source>
        <translation>Vérifiez l&apos;ID client et que l&apos;adresse IMS est https://ims-na1.adobelogin.com.</translation>
    </message>
    <message>
        <source>This credential cannot log in server-to-server (it is not an OAuth Server-to-Server credential).</source>
        <translation>Ces identifiants ne permettent pas de connexion de serveur à serveur (ce ne sont pas des identifiants OAuth Server-to-Server).</translation>
    </message>
    <message>
        <source>Add an OAuth Server-to-Server credential with the AEM Brand Portal API to the project, or migrate the JWT credential, and use its values.</source>
        <translation>Ajoutez au projet des identifiants OAuth Server-to-Server avec l&apos;API AEM Brand Portal, ou migrez les identifiants JWT, et utilisez leurs valeurs.</translation>
    </message>
    <message>
        <source>The JWT metascope does not match the APIs on this credential.</source>
        <translation>Le métascope JWT ne correspond pas aux API de ces identifiants.</translation>
    </message>
    <message>
        <source>The credential needs the AEM Brand Portal API (metascope ent_brand_portal_sdk) and the Assets Brand Portal product profile in Developer Console.</source>
        <translation>Les identifiants nécessitent l&apos;API AEM Brand Portal (métascope ent_brand_portal_sdk) et le profil de produit Assets Brand Portal dans Developer Console.</translation>
    </message>
    <message>
        <source>Adobe IMS refused the requested scopes.</source>
        <translation>Adobe IMS a refusé les portées demandées.</translation>
    </message>
    <message>
        <source>Use exactly the scopes listed on the credential&apos;s Scopes tab. If they are right, the credential is missing the AEM Brand Portal API or the Assets Brand Portal product profile: add them in Developer Console.</source>
        <translation>Utilisez exactement les portées listées dans l&apos;onglet Scopes des identifiants. Si elles sont correctes, il manque aux identifiants l&apos;API AEM Brand Portal ou le profil de produit Assets Brand Portal : ajoutez-les dans Developer Console.</translation>
    </message>
    <message>
        <source>Adobe IMS says the JWT has expired.</source>
        <translation>Adobe IMS indique que le JWT a expiré.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s date and time, then try again.</source>
        <translation>Vérifiez la date et l&apos;heure de cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>Synchronise this computer&apos;s clock, then try again.</source>
        <translation>Synchronisez l&apos;horloge de cet ordinateur, puis réessayez.</translation>
    </message>
    <message>
        <source>Adobe IMS could not decode the JWT this tool built.</source>
        <translation>Adobe IMS n&apos;a pas pu décoder le JWT construit par cet outil.</translation>
    </message>
    <message>
        <source>This is a defect in bpsetup; please report it with the debug id.</source>
        <translation>Il s&apos;agit d&apos;un défaut de bpsetup ; veuillez le signaler en indiquant l&apos;ID de débogage.</translation>
    </message>
    <message>
        <source>The JWT signature matches no certificate on this credential, or the organization ID or technical account ID is wrong.</source>
        <translation>La signature du JWT ne correspond à aucun certificat de ces identifiants, ou l&apos;ID d&apos;organisation ou l&apos;ID de compte technique est incorrect.</translation>
    </message>
    <message>
        <source>Use the private key whose certificate is uploaded to the credential, and check the organization and technical account IDs. JWT certificates can no longer be renewed: switch to OAuth Server-to-Server.</source>
        <translation>Utilisez la clé privée dont le certificat est chargé dans les identifiants, et vérifiez les ID d&apos;organisation et de compte technique. Les certificats JWT ne peuvent plus être renouvelés : passez à OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Adobe IMS requires a unique JWT id (jti) for this credential.</source>
        <translation>Adobe IMS exige un ID de JWT unique (jti) pour ces identifiants.</translation>
    </message>
    <message>
        <source>This credential&apos;s binding asks for jti, which bpsetup does not send; switch to OAuth Server-to-Server.</source>
        <translation>La liaison de ces identifiants demande un jti, que bpsetup n&apos;envoie pas ; passez à OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests from this client.</source>
        <translation>Adobe IMS limite le débit des requêtes de ce client.</translation>
    </message>
    <message>
        <source>Wait a few minutes and try again.</source>
        <translation>Attendez quelques minutes et réessayez.</translation>
    </message>
    <message>
        <source>Try again later. If it persists, this JWT credential may already have been converted to OAuth Server-to-Server: use that credential instead.</source>
        <translation>Réessayez plus tard. Si le problème persiste, ces identifiants JWT ont peut-être déjà été convertis en OAuth Server-to-Server : utilisez plutôt les identifiants convertis.</translation>
    </message>
    <message>
        <source>Try again later; Adobe status: https://status.adobe.com.</source>
        <translation>Réessayez plus tard ; état des services Adobe : https://status.adobe.com.</translation>
    </message>
    <message>
        <source>Check every value against the credential page in Developer Console.</source>
        <translation>Vérifiez chaque valeur par rapport à la page des identifiants dans Developer Console.</translation>
    </message>
    <message>
        <source>Allow connections to %1 through the firewall or proxy, or set the proxy; open it in a browser on this machine to see what answers.</source>
        <translation>Autorisez les connexions vers %1 dans le pare-feu ou le proxy, ou définissez le proxy ; ouvrez cette adresse dans un navigateur sur cette machine pour voir ce qui répond.</translation>
    </message>
    <message>
        <source>Download the OAuth Server-to-Server credential of the same Developer Console project (the client id is the same; it needs its client secret) and use that instead.</source>
        <translation>Téléchargez les identifiants OAuth Server-to-Server du même projet Developer Console (l&apos;ID client est le même ; il faut son secret client) et utilisez-les à la place.</translation>
    </message>
    <message>
        <source>Adobe IMS is throttling requests (%1).</source>
        <translation>Adobe IMS limite le débit des requêtes (%1).</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1).</source>
        <translation>Adobe IMS a rencontré une erreur serveur (%1).</translation>
    </message>
    <message>
        <source>Adobe IMS no longer exchanges this JWT credential (%1, internal_error): Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server by 2026-03-01.</source>
        <translation>Adobe IMS n&apos;échange plus ces identifiants JWT (%1, internal_error) : Adobe a converti tous les identifiants Service Account (JWT) en OAuth Server-to-Server au plus tard le 2026-03-01.</translation>
    </message>
    <message>
        <source>Something other than Adobe IMS answered at %1 with a web page (%2): usually a proxy login, a captive portal or a firewall block page.</source>
        <translation>Autre chose qu&apos;Adobe IMS a répondu sur %1 par une page web (%2) : généralement une connexion de proxy, un portail captif ou une page de blocage de pare-feu.</translation>
    </message>
    <message>
        <source>%1 answered %2 without JSON, which Adobe IMS always sends.</source>
        <translation>%1 a répondu %2 sans JSON, alors qu&apos;Adobe IMS en envoie toujours.</translation>
    </message>
    <message>
        <source>%1 answered %2 with JSON that is neither a token nor an Adobe IMS error: it is not Adobe IMS.</source>
        <translation>%1 a répondu %2 avec un JSON qui n&apos;est ni un jeton ni une erreur Adobe IMS : ce n&apos;est pas Adobe IMS.</translation>
    </message>
    <message>
        <source> This computer&apos;s clock is %1 %2 Adobe IMS: synchronise it (NTP) and try again.</source>
        <translation> L&apos;horloge de cet ordinateur a %1 %2 Adobe IMS : synchronisez-la (NTP) et réessayez.</translation>
    </message>
    <message>
        <source>Adobe IMS had a server error (%1) and still had it after retries.</source>
        <translation>Adobe IMS a rencontré une erreur serveur (%1), toujours présente après plusieurs tentatives.</translation>
    </message>
    <message>
        <source>Adobe IMS rejected the request (%1, %2).</source>
        <translation>Adobe IMS a refusé la requête (%1, %2).</translation>
    </message>
</context>
<context>
    <name>bp::InstanceClassifier</name>
    <message>
        <source>not read</source>
        <translation>non lu</translation>
    </message>
    <message>
        <source>Reading the AEM version (%1)</source>
        <translation>Lecture de la version d&apos;AEM (%1)</translation>
    </message>
    <message>
        <source>Reading Brand Portal cloud configurations</source>
        <translation>Lecture des configurations cloud Brand Portal</translation>
    </message>
    <message>
        <source>Looking for a Legacy OAuth Gateway configuration</source>
        <translation>Recherche d&apos;une configuration Legacy OAuth Gateway</translation>
    </message>
    <message>
        <source>Looking for Brand Portal replication users</source>
        <translation>Recherche des utilisateurs de réplication Brand Portal</translation>
    </message>
    <message>
        <source>Reading IMS configurations</source>
        <translation>Lecture des configurations IMS</translation>
    </message>
    <message>
        <source>Reading replication agents</source>
        <translation>Lecture des agents de réplication</translation>
    </message>
    <message>
        <source>Reading IMS configuration %1</source>
        <translation>Lecture de la configuration IMS %1</translation>
    </message>
    <message>
        <source>AEM at %1 answered with its login page instead of data. The user name or password was not accepted, or the instance enforces single sign-on (SAML).</source>
        <translation>AEM sur %1 a répondu par sa page de connexion au lieu de données. Le nom d&apos;utilisateur ou le mot de passe n&apos;a pas été accepté, ou l&apos;instance impose l&apos;authentification unique (SAML).</translation>
    </message>
    <message>
        <source>Use a local AEM administrator account, or a token for AEM as a Cloud Service.</source>
        <translation>Utilisez un compte administrateur AEM local, ou un jeton pour AEM as a Cloud Service.</translation>
    </message>
    <message>
        <source>AEM at %1 rejected the login (HTTP 401/403).</source>
        <translation>AEM sur %1 a refusé la connexion (HTTP 401/403).</translation>
    </message>
    <message>
        <source>Check the user name and password; the user must be an administrator to read the Brand Portal configuration.</source>
        <translation>Vérifiez le nom d&apos;utilisateur et le mot de passe ; l&apos;utilisateur doit être administrateur pour lire la configuration Brand Portal.</translation>
    </message>
    <message>
        <source>Check that the address points at the AEM author (not publish, not a web server), or connect past the dispatcher (usually port 4502).</source>
        <translation>Vérifiez que l&apos;adresse pointe vers l&apos;instance de création AEM (pas de publication, ni un serveur web), ou connectez-vous en contournant le dispatcher (généralement sur le port 4502).</translation>
    </message>
    <message>
        <source>The server expects HTTPS: change the address to https://.</source>
        <translation>Le serveur attend du HTTPS : remplacez l&apos;adresse par https://.</translation>
    </message>
    <message>
        <source>Looking for a Brand Portal distribution agent (AEM as a Cloud Service only)</source>
        <translation>Recherche d&apos;un agent de distribution Brand Portal (AEM as a Cloud Service uniquement)</translation>
    </message>
    <message>
        <source>The server at %1 answered (%2) but not like an AEM author: none of the AEM addresses it was asked for exist.</source>
        <translation>Le serveur sur %1 a répondu (%2), mais pas comme une instance de création AEM : aucune des adresses AEM demandées n&apos;existe.</translation>
    </message>
</context>
<context>
    <name>bp::KeyMaterial</name>
    <message>
        <source>%1 is a JSON file, not a private key: the credential file goes elsewhere (the private key is private.key, made together with the certificate).</source>
        <translation>%1 est un fichier JSON, et non une clé privée : le fichier d&apos;identifiants va ailleurs (la clé privée est private.key, créée en même temps que le certificat).</translation>
    </message>
    <message>
        <source>The key</source>
        <translation>La clé</translation>
    </message>
    <message>
        <source>The private key does not belong to the certificate %1 (SHA-256 %2). Use the key that was generated together with the uploaded certificate.</source>
        <translation>La clé privée n&apos;appartient pas au certificat %1 (SHA-256 %2). Utilisez la clé générée en même temps que le certificat chargé.</translation>
    </message>
</context>
<context>
    <name>bp::KeyPairFiles</name>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 existe déjà.</translation>
    </message>
    <message>
        <source>Choose another folder or file name, or replace it (a key already in use stops working once its certificate is removed from Developer Console).</source>
        <translation>Choisissez un autre dossier ou nom de fichier, ou remplacez-le (une clé déjà utilisée cesse de fonctionner dès que son certificat est retiré de Developer Console).</translation>
    </message>
    <message>
        <source>Could not replace %1.</source>
        <translation>Impossible de remplacer %1.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2. The private key was removed again, so nothing was saved.</source>
        <translation>Impossible d&apos;écrire %1 : %2. La clé privée a été supprimée à nouveau : rien n&apos;a donc été enregistré.</translation>
    </message>
</context>
<context>
    <name>bp::ManualVersion</name>
    <message>
        <source>&quot;%1&quot; is not a version to choose by hand. Give &quot;cloud&quot; for AEM as a Cloud Service, the exact AEM 6.5 version with its service pack (for example 6.5.21.0), or the AEM 6.5 LTS version (for example 6.6.1).</source>
        <translation>« %1 » n&apos;est pas une version à choisir manuellement. Indiquez « cloud » pour AEM as a Cloud Service, la version exacte d&apos;AEM 6.5 avec son Service Pack (par exemple 6.5.21.0), ou la version d&apos;AEM 6.5 LTS (par exemple 6.6.1).</translation>
    </message>
</context>
<context>
    <name>bp::ProfileManager</name>
    <message>
        <source>There is no profile named &quot;%1&quot; (no profiles are saved yet; see bpsetup profile save --help).</source>
        <translation>Il n&apos;existe aucun profil nommé « %1 » (aucun profil n&apos;est encore enregistré ; voir bpsetup profile save --help).</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;. Saved profiles: %2.</source>
        <translation>Il n&apos;existe aucun profil nommé « %1 ». Profils enregistrés : %2.</translation>
    </message>
    <message>
        <source>The profiles file cannot be written.</source>
        <translation>Le fichier des profils ne peut pas être écrit.</translation>
    </message>
    <message>
        <source>There is no profile named &quot;%1&quot;.</source>
        <translation>Il n&apos;existe aucun profil nommé « %1 ».</translation>
    </message>
</context>
<context>
    <name>bp::RollbackRun</name>
    <message>
        <source>Not everything could be restored: %1</source>
        <translation>Tout n&apos;a pas pu être restauré : %1</translation>
    </message>
    <message>
        <source>Fix the cause and run the rollback again (it is safe to repeat), or restore these objects by hand from the backup folder.</source>
        <translation>Corrigez la cause et relancez la restauration (elle peut être répétée sans risque), ou restaurez ces objets manuellement à partir du dossier de sauvegarde.</translation>
    </message>
</context>
<context>
    <name>bp::SavedSetup</name>
    <message>
        <source>AEM password</source>
        <translation>mot de passe AEM</translation>
    </message>
    <message>
        <source>AEM token</source>
        <translation>jeton AEM</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>secret client</translation>
    </message>
    <message>
        <source>second client secret</source>
        <translation>second secret client</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>clé privée</translation>
    </message>
    <message>
        <source>key passphrase</source>
        <translation>phrase secrète de la clé</translation>
    </message>
</context>
<context>
    <name>bp::Task</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>bp::TrustedCertificates</name>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits, colons allowed).</source>
        <translation>« %1 » n&apos;est pas une empreinte SHA-256 (64 chiffres hexadécimaux, deux-points autorisés).</translation>
    </message>
    <message>
        <source>%1 is a plain http:// address: there is no certificate to trust.</source>
        <translation>%1 est une adresse http:// simple : il n&apos;y a aucun certificat à approuver.</translation>
    </message>
    <message>
        <source>Use the https:// address of the server, or leave the fingerprint out.</source>
        <translation>Utilisez l&apos;adresse https:// du serveur, ou omettez l&apos;empreinte.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host name with an optional port (HOST[:PORT]=SHA256).</source>
        <translation>« %1 » n&apos;est pas un nom d&apos;hôte suivi d&apos;un port facultatif (HÔTE[:PORT]=SHA256).</translation>
    </message>
    <message>
        <source>Give it as the failed run printed it, e.g. ims-na1.adobelogin.com:443=ab:cd:…</source>
        <translation>Indiquez-la telle que l&apos;exécution en échec l&apos;a affichée, par exemple ims-na1.adobelogin.com:443=ab:cd:…</translation>
    </message>
</context>
<context>
    <name>bp::VerifyTask</name>
    <message>
        <source>not readable on Cloud Service</source>
        <translation>lecture impossible sur Cloud Service</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager (the checklist above), wait until it shows &apos;Activated&apos;, then run bpsetup verify again.</source>
        <translation>Activez Brand Portal dans Cloud Manager (voir la liste de contrôle ci-dessus), attendez que le statut indique « Activated », puis relancez bpsetup verify.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Skipped because %1 failed.</source>
        <translation>Ignorée : %1 a échoué.</translation>
    </message>
    <message>
        <source>IMS configuration (OAuth Server-to-Server)</source>
        <translation>Configuration IMS (OAuth Server-to-Server)</translation>
    </message>
    <message>
        <source>Only a Legacy OAuth Gateway configuration was found (%1); there is no IMS configuration in %2.</source>
        <translation>Seule une configuration Legacy OAuth Gateway a été trouvée (%1) ; il n&apos;y a aucune configuration IMS dans %2.</translation>
    </message>
    <message>
        <source>Create the OAuth Server-to-Server configuration: bpsetup plan, then bpsetup apply, with an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Créez la configuration OAuth Server-to-Server : bpsetup plan, puis bpsetup apply, avec des identifiants OAuth Server-to-Server issus d&apos;Adobe Developer Console.</translation>
    </message>
    <message>
        <source>No configuration: no Brand Portal IMS configuration in %1 and no Brand Portal cloud configuration under %2.</source>
        <translation>Aucune configuration : aucune configuration IMS Brand Portal dans %1 et aucune configuration cloud Brand Portal sous %2.</translation>
    </message>
    <message>
        <source>Create the configuration with bpsetup apply (bpsetup plan shows what it writes first), using an OAuth Server-to-Server credential from Adobe Developer Console.</source>
        <translation>Créez la configuration avec bpsetup apply (bpsetup plan montre d&apos;abord ce qu&apos;il écrit), en utilisant des identifiants OAuth Server-to-Server issus d&apos;Adobe Developer Console.</translation>
    </message>
    <message>
        <source>%1 names %2</source>
        <translation>%1 nomme %2</translation>
    </message>
    <message>
        <source>no IMS configuration</source>
        <translation>aucune configuration IMS</translation>
    </message>
    <message>
        <source>No Brand Portal IMS configuration in %1 (%2).</source>
        <translation>Aucune configuration IMS Brand Portal dans %1 (%2).</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it creates the IMS configuration and points the cloud configuration at it.</source>
        <translation>Exécutez bpsetup apply avec les identifiants OAuth Server-to-Server : il crée la configuration IMS et y fait pointer la configuration cloud.</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode, not OAuth: JWT credentials reached end of life.</source>
        <translation>%1 (%2) est en mode JWT (Service Account), et non OAuth : les identifiants JWT sont arrivés en fin de vie.</translation>
    </message>
    <message>
        <source>Upgrade it to OAuth Server-to-Server: in Adobe Developer Console, download the OAuth Server-to-Server credential of the same project (Adobe&apos;s conversion keeps the client id), then run bpsetup plan and bpsetup apply --credentials FILE; they switch this IMS configuration to OAuth in place (6.5.21.0+, 6.5 LTS, or 6.5.11.0-6.5.20.0 with --hotfix-package).</source>
        <translation>Mettez-la à niveau vers OAuth Server-to-Server : dans Adobe Developer Console, téléchargez les identifiants OAuth Server-to-Server du même projet (la conversion d&apos;Adobe conserve l&apos;ID client), puis exécutez bpsetup plan et bpsetup apply --credentials FICHIER ; ils convertissent sur place cette configuration IMS en OAuth (6.5.21.0+, 6.5 LTS, ou 6.5.11.0-6.5.20.0 avec --hotfix-package).</translation>
    </message>
    <message>
        <source>%1 (%2) is neither in OAuth nor in JWT mode (grants or token URL missing).</source>
        <translation>%1 (%2) n&apos;est ni en mode OAuth ni en mode JWT (grants ou URL de jeton manquants).</translation>
    </message>
    <message>
        <source>Run bpsetup apply with the OAuth Server-to-Server credential: it writes the full OAuth property set.</source>
        <translation>Exécutez bpsetup apply avec les identifiants OAuth Server-to-Server : il écrit l&apos;ensemble complet des propriétés OAuth.</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode (client_credentials, %3).</source>
        <translation>%1 (%2) : mode OAuth (client_credentials, %3).</translation>
    </message>
    <message>
        <source>Brand Portal cloud configuration</source>
        <translation>Configuration cloud Brand Portal</translation>
    </message>
    <message>
        <source>No Brand Portal cloud configuration under %1.</source>
        <translation>Aucune configuration cloud Brand Portal sous %1.</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it creates the cloud configuration pointing at the IMS configuration.</source>
        <translation>Exécutez bpsetup apply : il crée la configuration cloud pointant vers la configuration IMS.</translation>
    </message>
    <message>
        <source>%1 names the IMS configuration %2, which does not exist in %3.</source>
        <translation>%1 nomme la configuration IMS %2, qui n&apos;existe pas dans %3.</translation>
    </message>
    <message>
        <source>Run bpsetup apply: it points the cloud configuration at the IMS configuration.</source>
        <translation>Exécutez bpsetup apply : il fait pointer la configuration cloud vers la configuration IMS.</translation>
    </message>
    <message>
        <source>%1: tenant %2, IMS configuration %3.</source>
        <translation>%1 : tenant %2, configuration IMS %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n cloud configurations exist.</source>
        <translation>
            <numerusform>%n configuration cloud existe.</numerusform>
            <numerusform>%n configurations cloud existent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep one Brand Portal cloud configuration per tenant.</source>
        <translation>Conservez une seule configuration cloud Brand Portal par tenant.</translation>
    </message>
    <message>
        <source>IMS configuration</source>
        <translation>Configuration IMS</translation>
    </message>
    <message>
        <source>%1 (%2): OAuth mode.</source>
        <translation>%1 (%2) : mode OAuth.</translation>
    </message>
    <message>
        <source>%1 (%2) is in JWT (Service Account) mode.</source>
        <translation>%1 (%2) est en mode JWT (Service Account).</translation>
    </message>
    <message>
        <source>Deactivate and activate Brand Portal again in Cloud Manager, or ask your Adobe representative; Cloud Service configurations made by activation use OAuth.</source>
        <translation>Désactivez puis réactivez Brand Portal dans Cloud Manager, ou contactez votre représentant Adobe ; les configurations Cloud Service créées par l&apos;activation utilisent OAuth.</translation>
    </message>
    <message>
        <source>IMS configurations made by activation are %1.</source>
        <translation>Configurations IMS créées par l&apos;activation : %1.</translation>
    </message>
    <message>
        <source>%1 names %2; IMS configurations made by activation are %3.</source>
        <translation>%1 nomme %2 ; configurations IMS créées par l&apos;activation : %3.</translation>
    </message>
    <message>
        <source>Not activated: no Brand Portal cloud configuration under %1.</source>
        <translation>Non activé : aucune configuration cloud Brand Portal sous %1.</translation>
    </message>
    <message>
        <source>Replication agents (Test Connection)</source>
        <translation>Agents de réplication (Test Connection)</translation>
    </message>
    <message>
        <source>Replication queues</source>
        <translation>Files d&apos;attente de réplication</translation>
    </message>
    <message>
        <source>Testing the Brand Portal replication agents</source>
        <translation>Test des agents de réplication Brand Portal</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Replication › Agents on author and check the Brand Portal agents.</source>
        <translation>Ouvrez Tools › Deployment › Replication › Agents on author et vérifiez les agents Brand Portal.</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (dans %2)</translation>
    </message>
    <message>
        <source>Oldest item waits for %1.</source>
        <translation>L&apos;élément le plus ancien attend depuis %1.</translation>
    </message>
    <message numerus="yes">
        <source>Test Connection succeeded for %n agent(s) in %1: %2.</source>
        <translation>
            <numerusform>Test Connection a réussi pour %n agent dans %1 : %2.</numerusform>
            <numerusform>Test Connection a réussi pour %n agents dans %1 : %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disabled: %1.</source>
        <translation>Agents désactivés : %1.</translation>
    </message>
    <message>
        <source>Enable every Brand Portal agent: they share the publishing jobs, and queued assets can fail on a disabled one.</source>
        <translation>Activez chaque agent Brand Portal : ils se partagent les tâches de publication, et les ressources en file d&apos;attente peuvent échouer sur un agent désactivé.</translation>
    </message>
    <message>
        <source>Distribution agent %1</source>
        <translation>Agent de distribution %1</translation>
    </message>
    <message>
        <source>Distribution queues</source>
        <translation>Files d&apos;attente de distribution</translation>
    </message>
    <message>
        <source>Distribution Test Connection</source>
        <translation>Test Connection de distribution</translation>
    </message>
    <message>
        <source>Reading the Brand Portal distribution agent</source>
        <translation>Lecture de l&apos;agent de distribution Brand Portal</translation>
    </message>
    <message>
        <source>GET %1: %2</source>
        <translation>GET %1 : %2</translation>
    </message>
    <message>
        <source>%1: state %2.</source>
        <translation>%1 : état %2.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>non indiqué</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › Publish to Brand Portal › %1 and resume it; do not disable the agent.</source>
        <translation>Ouvrez Tools › Deployment › Distribution › Publish to Brand Portal › %1 et reprenez-le ; ne désactivez pas l&apos;agent.</translation>
    </message>
    <message>
        <source>Skipped: the distribution agent is %1.</source>
        <translation>Ignorée : l&apos;agent de distribution est à l&apos;état %1.</translation>
    </message>
    <message>
        <source>Testing the Brand Portal distribution agent</source>
        <translation>Test de l&apos;agent de distribution Brand Portal</translation>
    </message>
    <message>
        <source>%1: empty</source>
        <translation>%1 : vide</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1 : %n élément</numerusform>
            <numerusform>%1 : %n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>(oldest %1, %2%3)</source>
        <translation>(le plus ancien : %1, %2%3)</translation>
    </message>
    <message>
        <source>no path</source>
        <translation>aucun chemin</translation>
    </message>
    <message>
        <source>, waiting for %1</source>
        <translation>, en attente depuis %1</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1 : %2.</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1 › Status, read the error of the oldest item (and the Logs tab), fix the cause, then retry or clear the error queue; do not disable the agent.</source>
        <translation>Ouvrez Tools › Deployment › Distribution › %1 › Status, lisez l&apos;erreur de l&apos;élément le plus ancien (et l&apos;onglet Logs), corrigez la cause, puis relancez ou videz la file d&apos;erreurs ; ne désactivez pas l&apos;agent.</translation>
    </message>
    <message>
        <source>POST %1 was refused: %2.</source>
        <translation>POST %1 a été refusé : %2.</translation>
    </message>
    <message>
        <source>POST %1: %2</source>
        <translation>POST %1 : %2</translation>
    </message>
    <message>
        <source>(no state)</source>
        <translation>(aucun état)</translation>
    </message>
    <message>
        <source>Open Tools › Deployment › Distribution › %1, run Test Connection and read the Logs tab (the test is DSTRQ1); if the package is not delivered, ask Adobe support or your Adobe representative to check the Brand Portal activation.</source>
        <translation>Ouvrez Tools › Deployment › Distribution › %1, exécutez Test Connection et lisez l&apos;onglet Logs (le test est DSTRQ1) ; si le package n&apos;est pas livré, demandez au support Adobe ou à votre représentant Adobe de vérifier l&apos;activation de Brand Portal.</translation>
    </message>
    <message>
        <source>Test Connection was not run: it sends a test package through the agent, so it runs only when asked (--run-tests).</source>
        <translation>Test Connection n&apos;a pas été exécuté : il envoie un package de test via l&apos;agent, il ne s&apos;exécute donc que sur demande (--run-tests).</translation>
    </message>
    <message>
        <source>Not activated: the distribution agent %1 does not exist (%2).</source>
        <translation>Non activé : l&apos;agent de distribution %1 n&apos;existe pas (%2).</translation>
    </message>
    <message>
        <source>GET %1 answered %2: %3.</source>
        <translation>GET %1 a répondu %2 : %3.</translation>
    </message>
    <message>
        <source>GET %1 answered %2 without queues: %3.</source>
        <translation>GET %1 a répondu %2 sans files d&apos;attente : %3.</translation>
    </message>
    <message>
        <source>POST %1 (action=TEST): %2, state %3%4.</source>
        <translation>POST %1 (action=TEST) : %2, état %3%4.</translation>
    </message>
    <message>
        <source>POST %1 answered %2: %3.</source>
        <translation>POST %1 a répondu %2 : %3.</translation>
    </message>
</context>
<context>
    <name>bp::cli::Cli</name>
    <message>
        <source>No command given.</source>
        <translation>Aucune commande indiquée.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Commande inconnue « %1 ».</translation>
    </message>
    <message>
        <source>Run bpsetup --help for the commands: detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</source>
        <translation>Exécutez bpsetup --help pour la liste des commandes : detect, validate, keygen, profile, simulate, plan, apply, verify, diagnose, rollback, backups.</translation>
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
        <translation>Utilisation : bpsetup [--demo] | bpsetup COMMANDE [options]

Connecte Adobe Experience Manager Assets à Adobe Brand Portal et diagnostique les connexions existantes.
Sans commande, l&apos;assistant de configuration s&apos;ouvre ; --demo l&apos;ouvre sur le simulateur intégré.

Commandes :
  detect     Lit la version et la configuration Brand Portal d&apos;AEM et choisit le parcours de configuration
  validate   Vérifie des identifiants Developer Console auprès d&apos;Adobe IMS
  keygen     Génère une paire de clés RSA 2048 et un certificat pour Developer Console
  profile    Liste, affiche, enregistre, renomme ou supprime des profils de connexion (secrets dans le trousseau)
  simulate   Sert une instance de création AEM et un Adobe IMS simulés sur 127.0.0.1
  plan       Montre ce que changerait la création de la configuration Brand Portal (lecture seule)
  apply      Crée ou met à niveau la configuration : plan, sauvegarde, application, vérification, test
  verify     Vérifie la chaîne configurée de bout en bout (6.5 et Cloud Service ; seuls les tests d&apos;agents sont envoyés)
  diagnose   Vérifications d&apos;intégrité en lecture seule avec solutions, pour le support (diagnose --list-checks)
  rollback   Restaure ce qu&apos;une exécution d&apos;apply a modifié, à partir de sa sauvegarde
  backups    Liste les sauvegardes enregistrées avant les modifications (backups list)

Options :
  -h, --help     Affiche cette aide (bpsetup COMMANDE --help pour une commande)
  -v, --version  Affiche la version
  --lang CODE    Langue de l&apos;assistant et des messages : de, en, fr, ja (par défaut : celle du système)

Codes de sortie : 0 réussite, 1 l&apos;élément vérifié est incorrect, 2 entrée ou utilisation incorrecte,
3 impossible de joindre AEM/IMS ou de s&apos;y authentifier, 4 version ou parcours non pris en charge.
</translation>
    </message>
</context>
<context>
    <name>bp::cli::CliContext</name>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>the answer to a [y/N] question</comment>
        <translation>oui</translation>
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
        <translation>%1 (auto-signé)</translation>
    </message>
    <message>
        <source>Certificate presented by %1:
  subject  %2
  issuer   %3
  valid    %4 to %5
  SHA-256  %6
</source>
        <translation>Certificat présenté par %1 :
  sujet     %2
  émetteur  %3
  validité  du %4 au %5
  SHA-256   %6
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your network team expects (a proxy that inspects TLS shows its own certificate for Adobe IMS), re-run with
</source>
        <translation>Si cette empreinte est celle qu&apos;attend votre équipe réseau (un proxy qui inspecte le TLS présente son propre certificat pour Adobe IMS), relancez avec
</translation>
    </message>
    <message>
        <source>If this fingerprint is the one your administrator expects, re-run with
</source>
        <translation>Si cette empreinte est celle qu&apos;attend votre administrateur, relancez avec
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
        <translation>En attente</translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation>Lecture …</translation>
    </message>
    <message>
        <source>Applying …</source>
        <translation>Application …</translation>
    </message>
    <message>
        <source>Verifying …</source>
        <translation>Vérification …</translation>
    </message>
    <message>
        <source>Done, verified</source>
        <translation>Terminé, vérifié</translation>
    </message>
    <message>
        <source>Already in place</source>
        <translation>Déjà en place</translation>
    </message>
    <message>
        <source>Would change (dry run)</source>
        <translation>Serait modifié (essai à blanc)</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Non effectué</translation>
    </message>
    <message>
        <source>There is no reviewed plan to apply.</source>
        <translation>Aucun plan examiné à appliquer.</translation>
    </message>
    <message>
        <source>Close the wizard and start again.</source>
        <translation>Fermez l&apos;assistant et recommencez.</translation>
    </message>
    <message>
        <source>Applying the changes to %1 …</source>
        <translation>Application des modifications à %1 …</translation>
    </message>
    <message>
        <source>Elapsed: %1</source>
        <translation>Temps écoulé : %1</translation>
    </message>
    <message>
        <source>Stop applying?</source>
        <translation>Arrêter l&apos;application ?</translation>
    </message>
    <message>
        <source>The step in progress is stopped and no further step runs. What was already changed stays on AEM until you roll it back (the backup is kept).</source>
        <translation>L&apos;étape en cours est arrêtée et aucune autre étape ne s&apos;exécute. Ce qui a déjà été modifié reste sur AEM jusqu&apos;à ce que vous le restauriez (la sauvegarde est conservée).</translation>
    </message>
    <message>
        <source>Stopping …</source>
        <translation>Arrêt …</translation>
    </message>
    <message>
        <source>✔ Every change was applied and verified by reading it back.</source>
        <translation>✔ Chaque modification a été appliquée et vérifiée par relecture.</translation>
    </message>
    <message>
        <source>✔ Nothing needed changing: the configuration is already in place.</source>
        <translation>✔ Aucune modification n&apos;était nécessaire : la configuration est déjà en place.</translation>
    </message>
    <message>
        <source>Every change was applied, but a test did not pass: Next shows which.</source>
        <translation>Chaque modification a été appliquée, mais un test n&apos;a pas réussi : cliquez sur Suivant pour voir lequel.</translation>
    </message>
    <message>
        <source>Apply was cancelled.</source>
        <translation>L&apos;application a été annulée.</translation>
    </message>
    <message>
        <source>Apply stopped.</source>
        <translation>L&apos;application s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>The step &quot;%1&quot; failed.</source>
        <translation>L&apos;étape « %1 » a échoué.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi : %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Backup %1 in %2</source>
        <translation>Sauvegarde %1 dans %2</translation>
    </message>
    <message>
        <source>Restore what the backup holds, newest backup first.</source>
        <translation>Restaure le contenu de la sauvegarde, en commençant par la plus récente.</translation>
    </message>
    <message>
        <source>Rollback is not available in this build.</source>
        <translation>La restauration n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Backup %1 cannot be restored from here.</source>
        <translation>La sauvegarde %1 ne peut pas être restaurée d&apos;ici.</translation>
    </message>
    <message>
        <source>Restoring backup %1 …</source>
        <translation>Restauration de la sauvegarde %1 …</translation>
    </message>
    <message>
        <source>The rollback did not complete: %1</source>
        <translation>La restauration n&apos;a pas abouti : %1</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it.</source>
        <translation>✔ Restauration effectuée : l&apos;instance est telle qu&apos;elle était avant que cet assistant ne la modifie.</translation>
    </message>
    <message>
        <source>✔ Rolled back: the instance is as it was before this wizard changed it (%1 restored).</source>
        <translation>✔ Restauration effectuée : l&apos;instance est telle qu&apos;elle était avant que cet assistant ne la modifie (sauvegardes restaurées : %1).</translation>
    </message>
    <message>
        <source>Rolled back. Retry applies the plan again, Cancel closes the wizard.</source>
        <translation>Restauration effectuée. Réessayer applique à nouveau le plan, Annuler ferme l&apos;assistant.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>The changes are written to AEM one by one, each verified by reading it back. A backup is saved before the first change.</source>
        <translation>Les modifications sont écrites dans AEM une par une, chacune étant vérifiée par relecture. Une sauvegarde est enregistrée avant la première modification.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop applying (asks first)</source>
        <translation>Arrêter l&apos;application (avec confirmation)</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Ré&amp;essayer</translation>
    </message>
    <message>
        <source>Backup %1 of the state before is in %2.</source>
        <translation>La sauvegarde %1 de l&apos;état antérieur se trouve dans %2.</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <source>Apply steps</source>
        <translation>Étapes de l&apos;application</translation>
    </message>
    <message>
        <source>Each change with its status: waiting, running, done, failed or rolled back.</source>
        <translation>Chaque modification avec son état : en attente, en cours, terminée, en échec ou restaurée.</translation>
    </message>
</context>
<context>
    <name>bp::ui::CertificateTrustDialog</name>
    <message>
        <source>Untrusted certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to your AEM instance, for example because your administrator gave you its fingerprint.</source>
        <translation>Le serveur %1 a présenté un certificat que cet ordinateur n&apos;approuve pas. Ne l&apos;approuvez que si vous savez que ce certificat appartient à votre instance AEM, par exemple parce que votre administrateur vous a donné son empreinte.</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Sujet :</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Émetteur :</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Validité :</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Empreinte SHA-256 :</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Problèmes :</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (auto-signé)</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>(none reported)</source>
        <translation>(aucun signalé)</translation>
    </message>
    <message>
        <source>If you trust it, bpsetup remembers this certificate for %1 only. If the server later presents a different certificate, you will be asked again.</source>
        <translation>Si vous l&apos;approuvez, bpsetup mémorise ce certificat pour %1 uniquement. Si le serveur présente plus tard un autre certificat, la question vous sera posée à nouveau.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate for %1</source>
        <translation>Approuver ce cer&amp;tificat pour %1</translation>
    </message>
    <message>
        <source>%1 (Adobe IMS, where the credentials are checked) presented a certificate that this computer does not trust. Adobe&apos;s own certificate is trusted everywhere, so this one most likely comes from a proxy that inspects TLS traffic on your network. Only trust it if your network team confirms its fingerprint; otherwise ask them for the proxy&apos;s CA certificate.</source>
        <translation>%1 (Adobe IMS, où les identifiants sont vérifiés) a présenté un certificat que cet ordinateur n&apos;approuve pas. Le certificat d&apos;Adobe est approuvé partout : celui-ci provient donc très probablement d&apos;un proxy qui inspecte le trafic TLS de votre réseau. Ne l&apos;approuvez que si votre équipe réseau confirme son empreinte ; sinon, demandez-lui le certificat CA du proxy.</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate that this computer does not trust. Only trust it if you know this certificate belongs to that server, for example because your administrator gave you its fingerprint.</source>
        <translation>Le serveur %1 a présenté un certificat que cet ordinateur n&apos;approuve pas. Ne l&apos;approuvez que si vous savez que ce certificat appartient à ce serveur, par exemple parce que votre administrateur vous a donné son empreinte.</translation>
    </message>
</context>
<context>
    <name>bp::ui::ConnectPage</name>
    <message>
        <source>Connection cancelled. Nothing was changed on AEM.</source>
        <translation>Connexion annulée. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>Enter the user name and password of an AEM administrator.</source>
        <translation>Saisissez le nom d&apos;utilisateur et le mot de passe d&apos;un administrateur AEM.</translation>
    </message>
    <message>
        <source>Paste a local development or service token from the AEM Developer Console.</source>
        <translation>Collez un jeton de développement local ou de service issu de la Developer Console d&apos;AEM.</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 version including the service pack, for example 6.5.21.0.</source>
        <translation>Saisissez la version 6.5 exacte, Service Pack compris, par exemple 6.5.21.0.</translation>
    </message>
    <message>
        <source>Enter the exact 6.5 LTS version, for example 6.6.1.</source>
        <translation>Saisissez la version 6.5 LTS exacte, par exemple 6.6.1.</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 sur %3)</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation>Connexion à %1 …</translation>
    </message>
    <message>
        <source>Connected, but no source revealed the AEM version (the dispatcher or permissions may block them). Choose the version below and click Next, or leave it as &quot;Not known&quot; to continue and see what was found.</source>
        <translation>Connecté, mais aucune source n&apos;a révélé la version d&apos;AEM (le dispatcher ou les autorisations les bloquent peut-être). Choisissez la version ci-dessous et cliquez sur Suivant, ou laissez « Inconnue » pour continuer et voir ce qui a été trouvé.</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>Le certificat du serveur n&apos;est pas approuvé.</translation>
    </message>
    <message>
        <source>%1
The certificate was not trusted. Ask your administrator for the CA certificate and select it under &quot;Extra CA certificates&quot;, or trust the certificate after checking its fingerprint.</source>
        <translation>%1
Le certificat n&apos;a pas été approuvé. Demandez à votre administrateur le certificat CA et sélectionnez-le sous « Certificats CA supplémentaires », ou approuvez le certificat après avoir vérifié son empreinte.</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>Le certificat est approuvé pour cette session uniquement, car il n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>The saved connections were written by a newer bpsetup: they can be used, but not changed.</source>
        <translation>Les connexions enregistrées ont été écrites par une version plus récente de bpsetup : elles peuvent être utilisées, mais pas modifiées.</translation>
    </message>
    <message>
        <source>%1 Until then, passwords and secrets are not saved; everything else works.</source>
        <translation>%1 D&apos;ici là, les mots de passe et les secrets ne sont pas enregistrés ; tout le reste fonctionne.</translation>
    </message>
    <message>
        <source>Reading the saved passwords of &quot;%1&quot; from %2 …</source>
        <translation>Lecture des mots de passe enregistrés de « %1 » depuis %2 …</translation>
    </message>
    <message>
        <source>This saved connection no longer exists.</source>
        <translation>Cette connexion enregistrée n&apos;existe plus.</translation>
    </message>
    <message>
        <source>The saved passwords of &quot;%1&quot; could not be read: %2 Type the %3 below.</source>
        <translation>Les mots de passe enregistrés de « %1 » n&apos;ont pas pu être lus : %2 Saisissez le %3 ci-dessous.</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>token</source>
        <translation>jeton</translation>
    </message>
    <message>
        <source>No password stored for this profile: type it below.</source>
        <translation>Aucun mot de passe stocké pour ce profil : saisissez-le ci-dessous.</translation>
    </message>
    <message>
        <source>No token stored for this profile: paste it below.</source>
        <translation>Aucun jeton stocké pour ce profil : collez-le ci-dessous.</translation>
    </message>
    <message>
        <source>Loaded &quot;%1&quot; with its saved secrets.</source>
        <translation>« %1 » chargé avec ses secrets enregistrés.</translation>
    </message>
    <message>
        <source>Select CA certificates</source>
        <translation>Sélectionner des certificats CA</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Connect to AEM</source>
        <translation>Connexion à AEM</translation>
    </message>
    <message>
        <source>Enter the address of your AEM author instance and an administrator login. Connecting only reads from AEM.</source>
        <translation>Saisissez l&apos;adresse de votre instance de création AEM et un compte administrateur. La connexion se contente de lire AEM.</translation>
    </message>
    <message>
        <source>Demo mode: the fields below are filled in for the built-in simulator.</source>
        <translation>Mode démo : les champs ci-dessous sont préremplis pour le simulateur intégré.</translation>
    </message>
    <message>
        <source>&amp;Saved connection:</source>
        <translation>Connexion &amp;enregistrée :</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation>&amp;Gérer…</translation>
    </message>
    <message>
        <source>Rename or delete saved connections</source>
        <translation>Renommer ou supprimer des connexions enregistrées</translation>
    </message>
    <message>
        <source>AEM author &amp;URL:</source>
        <translation>&amp;URL de l&apos;instance de création AEM :</translation>
    </message>
    <message>
        <source>Sign in &amp;with:</source>
        <translation>Se c&amp;onnecter avec :</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>Bearer token (AEM as a Cloud Service)</source>
        <translation>Jeton Bearer (AEM as a Cloud Service)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation>Masquer le mot de passe</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Afficher le mot de passe</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>Je&amp;ton :</translation>
    </message>
    <message>
        <source>Developer Console token</source>
        <translation>Jeton Developer Console</translation>
    </message>
    <message>
        <source>Certificates and proxy (optional)</source>
        <translation>Certificats et proxy (facultatif)</translation>
    </message>
    <message>
        <source>Extra &amp;CA certificates:</source>
        <translation>&amp;Certificats CA supplémentaires :</translation>
    </message>
    <message>
        <source>PEM file, in addition to the system certificates</source>
        <translation>Fichier PEM, en plus des certificats du système</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy :</translation>
    </message>
    <message>
        <source>system proxy</source>
        <translation>proxy du système</translation>
    </message>
    <message>
        <source>Leave empty for the system proxy, type &quot;none&quot; for a direct connection, or http://host:port</source>
        <translation>Laissez vide pour le proxy du système, saisissez « none » pour une connexion directe, ou http://hôte:port</translation>
    </message>
    <message>
        <source>AEM &amp;version (chosen manually):</source>
        <translation>&amp;Version d&apos;AEM (choisie manuellement) :</translation>
    </message>
    <message>
        <source>Not known — continue without it</source>
        <translation>Inconnue — continuer sans</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service</source>
        <translation>AEM as a Cloud Service</translation>
    </message>
    <message>
        <source>6.5.x — enter exact service pack</source>
        <translation>6.5.x — saisir le Service Pack exact</translation>
    </message>
    <message>
        <source>6.5 LTS (6.6.x)</source>
        <translation>6.5 LTS (6.6.x)</translation>
    </message>
    <message>
        <source>Exact AEM version</source>
        <translation>Version exacte d&apos;AEM</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop connecting</source>
        <translation>Arrêter la connexion</translation>
    </message>
    <message>
        <source>Us&amp;er name:</source>
        <translation>&amp;Nom d&apos;utilisateur :</translation>
    </message>
    <message>
        <source>H&amp;ide</source>
        <translation>Mas&amp;quer</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>Aff&amp;icher</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>A connection saved earlier fills in the fields below; its secrets come from the keychain.</source>
        <translation>Une connexion enregistrée auparavant remplit les champs ci-dessous ; ses secrets proviennent du trousseau.</translation>
    </message>
    <message>
        <source>How bpsetup signs in to AEM: a user and password, or a bearer token (AEM as a Cloud Service).</source>
        <translation>La manière dont bpsetup se connecte à AEM : un utilisateur et un mot de passe, ou un jeton Bearer (AEM as a Cloud Service).</translation>
    </message>
    <message>
        <source>An AEM administrator, such as admin.</source>
        <translation>Un administrateur AEM, par exemple admin.</translation>
    </message>
    <message>
        <source>The AEM user&apos;s password; it is never written to a file.</source>
        <translation>Le mot de passe de l&apos;utilisateur AEM ; il n&apos;est jamais écrit dans un fichier.</translation>
    </message>
    <message>
        <source>Choose a PEM file of CA certificates to trust in addition to the system&apos;s.</source>
        <translation>Choisissez un fichier PEM de certificats CA à approuver en plus de ceux du système.</translation>
    </message>
</context>
<context>
    <name>bp::ui::CredentialsPage</name>
    <message>
        <source>client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>secret client</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>portées</translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation>ID d&apos;organisation</translation>
    </message>
    <message>
        <source>technical account ID</source>
        <translation>ID de compte technique</translation>
    </message>
    <message>
        <source>metascopes</source>
        <translation>métascopes</translation>
    </message>
    <message>
        <source>private key</source>
        <translation>clé privée</translation>
    </message>
    <message>
        <source>IMS address</source>
        <translation>adresse IMS</translation>
    </message>
    <message>
        <source>credential kind</source>
        <translation>type d&apos;identifiants</translation>
    </message>
    <message>
        <source>%1 is a private key, which only a Service Account (JWT) credential uses: the credential kind is now JWT.</source>
        <translation>%1 est une clé privée, que seuls des identifiants Service Account (JWT) utilisent : le type d&apos;identifiants est désormais JWT.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1 is neither a Developer Console credential nor a private key or certificate.</source>
        <translation>%1 n&apos;est ni un fichier d&apos;identifiants Developer Console, ni une clé privée ou un certificat.</translation>
    </message>
    <message>
        <source>Paste the JSON of the credential first.</source>
        <translation>Collez d&apos;abord le JSON des identifiants.</translation>
    </message>
    <message>
        <source>Pasted JSON</source>
        <translation>JSON collé</translation>
    </message>
    <message>
        <source>Could not create a temporary folder for the demo credentials: %1</source>
        <translation>Impossible de créer un dossier temporaire pour les identifiants de démonstration : %1</translation>
    </message>
    <message>
        <source>Import a Developer Console credential</source>
        <translation>Importer des identifiants Developer Console</translation>
    </message>
    <message>
        <source>Developer Console credentials (*.json);;Private keys and certificates (*.key *.pem *.crt *.cer);;All files (*)</source>
        <translation>Identifiants Developer Console (*.json);;Clés privées et certificats (*.key *.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>Choisir la clé privée</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>Clés privées (*.key *.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import the credential or fill in: %1.</source>
        <translation>Importez les identifiants ou renseignez : %1.</translation>
    </message>
    <message>
        <source>Correct the fields marked ⚠ to continue.</source>
        <translation>Corrigez les champs marqués ⚠ pour continuer.</translation>
    </message>
    <message>
        <source>Choose the private key file (for example private.key) whose certificate is uploaded to the credential in Developer Console, or generate a new key pair. If AEM generated the key pair, tick the box above instead.</source>
        <translation>Choisissez le fichier de clé privée (par exemple private.key) dont le certificat est chargé dans les identifiants, dans Developer Console, ou générez une nouvelle paire de clés. Si AEM a généré la paire de clés, cochez plutôt la case ci-dessus.</translation>
    </message>
    <message>
        <source>This private key is encrypted: enter its passphrase.</source>
        <translation>Cette clé privée est chiffrée : saisissez sa phrase secrète.</translation>
    </message>
    <message>
        <source>⚠ Certificate %1: %2</source>
        <translation>⚠ Certificat %1 : %2</translation>
    </message>
    <message>
        <source>Certificate %1 expires on %2.</source>
        <translation>Le certificat %1 expire le %2.</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>⚠ This certificate has expired, so IMS rejects JWTs signed with its key. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ Ce certificat a expiré : IMS refuse donc les JWT signés avec sa clé. Les certificats JWT ne peuvent plus être renouvelés : passez à OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>⚠ This certificate expires within 30 days; the integration stops working then. JWT certificates can no longer be renewed: move to OAuth Server-to-Server.</source>
        <translation>⚠ Ce certificat expire dans moins de 30 jours ; l&apos;intégration cessera alors de fonctionner. Les certificats JWT ne peuvent plus être renouvelés : passez à OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>The private key belongs to this certificate.</source>
        <translation>La clé privée correspond à ce certificat.</translation>
    </message>
    <message>
        <source>⚠ The private key does not belong to this certificate: IMS will not accept it unless the key&apos;s own certificate is uploaded to the credential.</source>
        <translation>⚠ La clé privée ne correspond pas à ce certificat : IMS ne l&apos;acceptera pas, sauf si le certificat propre à la clé est chargé dans les identifiants.</translation>
    </message>
    <message>
        <source>Found a credential of kind %1.</source>
        <translation>Identifiants de type %1 trouvés.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Identifiants Developer Console</translation>
    </message>
    <message>
        <source>Import the OAuth Server-to-Server credential of the Developer Console project that has the AEM Brand Portal API, or type it in. Nothing is sent anywhere on this page.</source>
        <translation>Importez les identifiants OAuth Server-to-Server du projet Developer Console qui comporte l&apos;API AEM Brand Portal, ou saisissez-les. Rien n&apos;est envoyé nulle part sur cette page.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <source>Demo mode: use the throwaway credentials of the built-in simulator.</source>
        <translation>Mode démo : utilisez les identifiants jetables du simulateur intégré.</translation>
    </message>
    <message>
        <source>&amp;Use the simulator&apos;s demo credentials</source>
        <translation>&amp;Utiliser les identifiants de démonstration du simulateur</translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation>Importer un &amp;fichier…</translation>
    </message>
    <message>
        <source>or drop a downloaded .json file, or a private key (PEM), anywhere on this page.</source>
        <translation>ou déposez un fichier .json téléchargé, ou une clé privée (PEM), n&apos;importe où sur cette page.</translation>
    </message>
    <message>
        <source>…or &amp;paste the JSON (Download JSON on the credential page, or the project&apos;s Download all):</source>
        <translation>…ou colle&amp;z le JSON (Download JSON sur la page des identifiants, ou Download all du projet) :</translation>
    </message>
    <message>
        <source>Import pasted &amp;JSON</source>
        <translation>Importer le &amp;JSON collé</translation>
    </message>
    <message>
        <source>Ctrl+Enter in the text box does the same.</source>
        <translation>Ctrl+Entrée dans la zone de texte a le même effet.</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Kin&amp;d:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server (recommended)</source>
        <translation>OAuth Server-to-Server (recommandé)</translation>
    </message>
    <message>
        <source>Service Account (JWT) — retired by Adobe</source>
        <translation>Service Account (JWT) — retiré par Adobe</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials (end of life 2025-06-30, converted to OAuth Server-to-Server by 2026-03-01). Use this only to check or migrate an existing setup.</source>
        <translation>Adobe a retiré les identifiants JWT (fin de vie le 2025-06-30, convertis en OAuth Server-to-Server au plus tard le 2026-03-01). Utilisez ce type uniquement pour vérifier ou migrer une configuration existante.</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>I&amp;D client :</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Secret c&amp;lient :</translation>
    </message>
    <message>
        <source>Second secret:</source>
        <translation>Second secret :</translation>
    </message>
    <message>
        <source>optional: the other secret while you rotate them</source>
        <translation>facultatif : l&apos;autre secret pendant leur rotation</translation>
    </message>
    <message>
        <source>Scop&amp;es:</source>
        <translation>Porté&amp;es :</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>séparées par des virgules</translation>
    </message>
    <message>
        <source>Copy them verbatim from the credential&apos;s Scopes tab in Developer Console: Adobe publishes no fixed list, and IMS refuses scopes the credential does not have.</source>
        <translation>Copiez-les telles quelles depuis l&apos;onglet Scopes des identifiants dans Developer Console : Adobe ne publie pas de liste fixe, et IMS refuse les portées que les identifiants n&apos;ont pas.</translation>
    </message>
    <message>
        <source>&amp;Technical account ID:</source>
        <translation>ID de compte &amp;technique :</translation>
    </message>
    <message>
        <source>&amp;Metascopes:</source>
        <translation>&amp;Métascopes :</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>Clé pri&amp;vée :</translation>
    </message>
    <message>
        <source>private.key</source>
        <translation>private.key</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>stockée dans le trousseau</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>&amp;Générer une paire de clés…</translation>
    </message>
    <message>
        <source>The key pair was generated by AEM (the private key is only in AEM)</source>
        <translation>La paire de clés a été générée par AEM (la clé privée se trouve uniquement dans AEM)</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>Options ava&amp;ncées</translation>
    </message>
    <message>
        <source>Adobe IMS add&amp;ress:</source>
        <translation>Adresse Ado&amp;be IMS :</translation>
    </message>
    <message>
        <source>Leave the default unless Adobe support named another IMS host.</source>
        <translation>Conservez la valeur par défaut, sauf si le support Adobe a indiqué un autre hôte IMS.</translation>
    </message>
    <message>
        <source>Hide the client secret</source>
        <translation>Masquer le secret client</translation>
    </message>
    <message>
        <source>Show the client secret</source>
        <translation>Afficher le secret client</translation>
    </message>
    <message>
        <source>Hide the second client secret</source>
        <translation>Masquer le second secret client</translation>
    </message>
    <message>
        <source>Show the second client secret</source>
        <translation>Afficher le second secret client</translation>
    </message>
    <message>
        <source>Import the Service Account (JWT) credential of the Developer Console project with its private key, or type it in, to check or migrate an existing setup. Nothing is sent anywhere on this page.</source>
        <translation>Importez ou saisissez les identifiants Service Account (JWT) et leur clé privée pour vérifier ou migrer une configuration existante. Rien n&apos;est envoyé sur cette page.</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>Aff&amp;icher</translation>
    </message>
    <message>
        <source>Demo JWT &amp;credentials</source>
        <translation>Identifiants J&amp;WT de démonstration</translation>
    </message>
    <message>
        <source>Organi&amp;zation ID:</source>
        <translation>ID d&apos;&amp;organisation :</translation>
    </message>
    <message>
        <source>Sh&amp;ow</source>
        <translation>Affiche&amp;r</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server for new setups; Service Account (JWT) only to upgrade an old one.</source>
        <translation>OAuth Server-to-Server pour les nouvelles configurations ; Service Account (JWT) uniquement pour mettre à niveau une ancienne.</translation>
    </message>
    <message>
        <source>The client secret from the credential page in Developer Console (Retrieve client secret).</source>
        <translation>Le secret client indiqué sur la page des identifiants dans Developer Console (Retrieve client secret).</translation>
    </message>
    <message>
        <source>Paste the JSON Developer Console shows or downloads; Tab leaves the field.</source>
        <translation>Collez le JSON que Developer Console affiche ou télécharge ; Tab quitte le champ.</translation>
    </message>
    <message>
        <source>Fills in the built-in simulator&apos;s throwaway credential (demo mode only).</source>
        <translation>Renseigne les identifiants jetables du simulateur intégré (mode démo uniquement).</translation>
    </message>
    <message>
        <source>Reads a credential JSON or a private key file downloaded from Developer Console.</source>
        <translation>Lit un JSON d&apos;identifiants ou un fichier de clé privée téléchargé depuis Developer Console.</translation>
    </message>
    <message>
        <source>Shows the Adobe IMS address, for IMS regions or a test IMS.</source>
        <translation>Affiche l&apos;adresse Adobe IMS, pour les régions IMS ou un IMS de test.</translation>
    </message>
    <message>
        <source>Se&amp;lect…</source>
        <translation>Séle&amp;ctionner…</translation>
    </message>
    <message>
        <source>Ke&amp;y passphrase:</source>
        <translation>P&amp;hrase secrète de la clé :</translation>
    </message>
</context>
<context>
    <name>bp::ui::DiagnosePage</name>
    <message>
        <source>What to do:</source>
        <translation>Que faire :</translation>
    </message>
    <message>
        <source>Save the diagnosis report</source>
        <translation>Enregistrer le rapport de diagnostic</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>Rapport HTML (*.html)</translation>
    </message>
    <message>
        <source>The summary is on the clipboard (no secrets in it).</source>
        <translation>Le résumé est dans le presse-papiers (il ne contient aucun secret).</translation>
    </message>
    <message>
        <source>Diagnosing %1: only reading, nothing is changed…</source>
        <translation>Diagnostic de %1 : lecture seule, rien n&apos;est modifié…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>&amp;Diagnose again</source>
        <translation>&amp;Diagnostiquer à nouveau</translation>
    </message>
    <message>
        <source>Report not saved</source>
        <translation>Rapport non enregistré</translation>
    </message>
    <message>
        <source>Report saved to %1. It holds no password, token or key.</source>
        <translation>Rapport enregistré dans %1. Il ne contient aucun mot de passe, jeton ni clé.</translation>
    </message>
    <message>
        <source>… Waiting</source>
        <translation>… En attente</translation>
    </message>
    <message>
        <source>… waiting</source>
        <translation>… en attente</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>Connection chain</source>
        <translation>Chaîne de connexion</translation>
    </message>
    <message>
        <source>Diagnosis cancelled. Nothing was changed.</source>
        <translation>Diagnostic annulé. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>Impossible de lire AEM : %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>%1 — What to do: %2</source>
        <translation>%1 — Que faire : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed.</source>
        <translation>
            <numerusform>%n vérification a échoué.</numerusform>
            <numerusform>%n vérifications ont échoué.</numerusform>
        </translation>
    </message>
    <message>
        <source>No check failed.</source>
        <translation>Aucune vérification n&apos;a échoué.</translation>
    </message>
    <message>
        <source>%1 passed, %2 warned, %3 skipped.</source>
        <translation>Réussies : %1, avertissements : %2, ignorées : %3.</translation>
    </message>
    <message>
        <source>&amp;Upgrade this configuration…</source>
        <translation>Mettre à nivea&amp;u cette configuration…</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Read-only health checks of the Brand Portal connection, each with what was read and what to do. Nothing is changed.</source>
        <translation>Vérifications d&apos;intégrité en lecture seule de la connexion Brand Portal, chacune avec ce qui a été lu et ce qu&apos;il faut faire. Rien n&apos;est modifié.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Evidence and what to do</source>
        <translation>Constat et solution</translation>
    </message>
    <message>
        <source>&amp;Diagnose</source>
        <translation>&amp;Diagnostiquer</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Enregistrer le rapport…</translation>
    </message>
    <message>
        <source>One HTML file that opens offline; passwords, tokens and keys are removed.</source>
        <translation>Un seul fichier HTML, qui s&apos;ouvre hors ligne ; les mots de passe, jetons et clés en sont supprimés.</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>C&amp;opier le résumé</translation>
    </message>
    <message>
        <source>Continue with the upgrade to OAuth Server-to-Server: credentials, validation, review. Nothing is written before you confirm on the Review page.</source>
        <translation>Poursuivre avec la mise à niveau vers OAuth Server-to-Server : identifiants, validation, examen. Rien n&apos;est écrit avant votre confirmation sur la page « Examiner les modifications ».</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>Each health check with its result; select one to read its evidence and remedy.</source>
        <translation>Chaque vérification d&apos;intégrité avec son résultat ; sélectionnez-en une pour lire son constat et sa solution.</translation>
    </message>
    <message>
        <source>Runs every check again; nothing is changed on AEM.</source>
        <translation>Exécute à nouveau toutes les vérifications ; rien n&apos;est modifié sur AEM.</translation>
    </message>
    <message>
        <source>Copies the text summary of the checks, without secrets, to the clipboard.</source>
        <translation>Copie dans le presse-papiers le résumé texte des vérifications, sans les secrets.</translation>
    </message>
    <message>
        <source>Also run &amp;Test Connection</source>
        <translation>Exécuter aussi &amp;Test Connection</translation>
    </message>
    <message>
        <source>Sends a test package through each agent: the only request diagnose sends that is not a read.</source>
        <translation>Envoie un package de test via chaque agent : la seule requête du diagnostic qui ne soit pas une lecture.</translation>
    </message>
</context>
<context>
    <name>bp::ui::FinishPage</name>
    <message>
        <source>Connected to %1 (%2, version %3).</source>
        <translation>Connecté à %1 (%2, version %3).</translation>
    </message>
    <message>
        <source>Connected to %1 (version not known).</source>
        <translation>Connecté à %1 (version inconnue).</translation>
    </message>
    <message>
        <source>Credential: %1, client ID %2.</source>
        <translation>Identifiants : %1, ID client %2.</translation>
    </message>
    <message>
        <source>Adobe IMS accepted it.</source>
        <translation>Adobe IMS les a acceptés.</translation>
    </message>
    <message>
        <source>Not validated here: the private key is held by AEM.</source>
        <translation>Non validés ici : la clé privée est détenue par AEM.</translation>
    </message>
    <message>
        <source>Diagnosis is not available in this version yet: nothing was changed on AEM.</source>
        <translation>Le diagnostic n&apos;est pas encore disponible dans cette version : rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>Ce qui a été fait :</translation>
    </message>
    <message>
        <source>There are no secrets to store.</source>
        <translation>Il n&apos;y a aucun secret à stocker.</translation>
    </message>
    <message>
        <source>Stored in %1: %2.</source>
        <translation>Stockés dans %1 : %2.</translation>
    </message>
    <message>
        <source>Not stored: %1. You will type them again next time.</source>
        <translation>Non stockés : %1. Vous devrez les saisir à nouveau la prochaine fois.</translation>
    </message>
    <message>
        <source>%1 Untick the option above to save the settings without secrets.</source>
        <translation>%1 Décochez l&apos;option ci-dessus pour enregistrer les paramètres sans les secrets.</translation>
    </message>
    <message>
        <source>Saving the connection …</source>
        <translation>Enregistrement de la connexion …</translation>
    </message>
    <message>
        <source>Saving the connection and storing its secrets in %1 …</source>
        <translation>Enregistrement de la connexion et stockage de ses secrets dans %1 …</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Check what was done, and save this connection to skip the typing next time.</source>
        <translation>Vérifiez ce qui a été fait, et enregistrez cette connexion pour ne pas avoir à tout ressaisir la prochaine fois.</translation>
    </message>
    <message>
        <source>&amp;Save this connection for next time</source>
        <translation>Enregi&amp;strer cette connexion pour la prochaine fois</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>&amp;Nom du profil :</translation>
    </message>
    <message>
        <source>Letters, digits, spaces, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; up to 64 characters.</source>
        <translation>Lettres, chiffres, espaces, « . », « _ » et « - » ; 64 caractères au maximum.</translation>
    </message>
    <message>
        <source>Saving connections is not available here.</source>
        <translation>L&apos;enregistrement des connexions n&apos;est pas disponible ici.</translation>
    </message>
    <message>
        <source>Finish &amp;without saving</source>
        <translation>Terminer sans en&amp;registrer</translation>
    </message>
    <message>
        <source>Nothing was changed on AEM.</source>
        <translation>Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>The configuration was already in place: nothing was changed on AEM.</source>
        <translation>La configuration était déjà en place : rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>Configuration created on AEM (each change verified):</source>
        <translation>Configuration créée sur AEM (chaque modification vérifiée) :</translation>
    </message>
    <message>
        <source>Brand Portal tenant: %1.</source>
        <translation>Tenant Brand Portal : %1.</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed.</source>
        <translation>
            <numerusform>%n test sur %n a réussi.</numerusform>
            <numerusform>Les %n tests ont réussi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n test(s) did not pass: see the Test page.</source>
        <translation>
            <numerusform>%n test n&apos;a pas réussi : voir la page « Test ».</numerusform>
            <numerusform>%n tests n&apos;ont pas réussi : voir la page « Test ».</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup %1, saved before the first change in %2. Roll back with bpsetup rollback --backup %1.</source>
        <translation>Sauvegarde %1, enregistrée avant la première modification dans %2. Restaurez avec bpsetup rollback --backup %1.</translation>
    </message>
    <message numerus="yes">
        <source>This run saved %n backup(s); to undo everything, roll them back newest first: %1.</source>
        <translation>
            <numerusform>Cette exécution a enregistré %n sauvegarde ; pour tout annuler, restaurez-la : %1.</numerusform>
            <numerusform>Cette exécution a enregistré %n sauvegardes ; pour tout annuler, restaurez-les de la plus récente à la plus ancienne : %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Adobe IMS rejected it (%1); you continued without validation (reason: %2, recorded in %3). Publishing to Brand Portal fails until the credential is fixed.</source>
        <translation>Adobe IMS les a refusés (%1) ; vous avez poursuivi sans validation (raison : %2, consignée dans %3). La publication vers Brand Portal échoue tant que les identifiants ne sont pas corrigés.</translation>
    </message>
    <message>
        <source>Not validated: you continued without validation (reason: %1, recorded in %2).</source>
        <translation>Non validés : vous avez poursuivi sans validation (raison : %1, consignée dans %2).</translation>
    </message>
    <message>
        <source>Not validated (%1); you continued without validation (reason: %2, recorded in %3).</source>
        <translation>Non validés (%1) ; vous avez poursuivi sans validation (raison : %2, consignée dans %3).</translation>
    </message>
    <message>
        <source>Not stored: %1.</source>
        <translation>Non stockés : %1.</translation>
    </message>
    <message>
        <source>Cannot be stored now: %1.</source>
        <translation>Stockage impossible pour le moment : %1.</translation>
    </message>
    <message>
        <source>To be stored in %1: %2. Adobe IMS rejected this credential, so the stored secret does not work until it is fixed.</source>
        <translation>À stocker dans %1 : %2. Adobe IMS a refusé ces identifiants : le secret stocké ne fonctionnera donc pas tant qu&apos;ils ne seront pas corrigés.</translation>
    </message>
    <message>
        <source>To be stored in %1: %2.</source>
        <translation>À stocker dans %1 : %2.</translation>
    </message>
    <message>
        <source>Not stored: %1. Adobe IMS rejected this credential; tick the box to store it anyway.</source>
        <translation>Non stockés : %1. Adobe IMS a refusé ces identifiants ; cochez la case pour les stocker quand même.</translation>
    </message>
    <message>
        <source>Replace the saved connection?</source>
        <translation>Remplacer la connexion enregistrée ?</translation>
    </message>
    <message>
        <source>A saved connection named &quot;%1&quot; already exists, for %2. Replace it with this one (its stored secrets too)?</source>
        <translation>Une connexion enregistrée nommée « %1 » existe déjà, pour %2. La remplacer par celle-ci (ses secrets stockés compris) ?</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Remplacer</translation>
    </message>
    <message>
        <source>&amp;Keep both (choose another name)</source>
        <translation>&amp;Conserver les deux (choisir un autre nom)</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; secrets stored in: %2.</source>
        <translation>Enregistré. Paramètres : %1 ; secrets stockés dans : %2.</translation>
    </message>
    <message>
        <source>Saved. Settings: %1; no secrets were stored.</source>
        <translation>Enregistré. Paramètres : %1 ; aucun secret n&apos;a été stocké.</translation>
    </message>
    <message>
        <source>S&amp;tore the secrets in the keychain</source>
        <translation>St&amp;ocker les secrets dans le trousseau</translation>
    </message>
    <message>
        <source>Untick this on a shared computer: the settings are saved, the secrets are typed again next time.</source>
        <translation>Décochez cette case sur un ordinateur partagé : les paramètres sont enregistrés, les secrets seront à saisir de nouveau la prochaine fois.</translation>
    </message>
    <message>
        <source>Keeps the address, user and credential details for next time; secrets go to the keychain only.</source>
        <translation>Conserve l&apos;adresse, l&apos;utilisateur et les détails des identifiants pour la prochaine fois ; les secrets vont uniquement dans le trousseau.</translation>
    </message>
</context>
<context>
    <name>bp::ui::HelpDialog</name>
    <message>
        <source>Adobe&apos;s documentation</source>
        <translation>Documentation Adobe</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Prise en main</translation>
    </message>
    <message>
        <source>Connecting to AEM</source>
        <translation>Connexion à AEM</translation>
    </message>
    <message>
        <source>The setup route</source>
        <translation>Le parcours de configuration</translation>
    </message>
    <message>
        <source>Developer Console credentials</source>
        <translation>Identifiants Developer Console</translation>
    </message>
    <message>
        <source>Validating with Adobe IMS</source>
        <translation>Validation auprès d&apos;Adobe IMS</translation>
    </message>
    <message>
        <source>Reviewing the changes</source>
        <translation>Examen des modifications</translation>
    </message>
    <message>
        <source>Applying the changes</source>
        <translation>Application des modifications</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Test de la connexion</translation>
    </message>
    <message>
        <source>Diagnosing a setup</source>
        <translation>Diagnostic d&apos;une configuration</translation>
    </message>
    <message>
        <source>Verifying a configuration</source>
        <translation>Vérification d&apos;une configuration</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>Finalisation</translation>
    </message>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Configuration de Brand Portal</translation>
    </message>
    <message>
        <source>This wizard connects AEM Assets to Brand Portal, or checks a connection that exists. Choose &quot;Set up Brand Portal&quot; to create or upgrade the configuration, or &quot;Diagnose an existing setup&quot; to run read-only health checks and save a report for support.</source>
        <translation>Cet assistant connecte AEM Assets à Brand Portal, ou vérifie une connexion existante. Choisissez « Configurer Brand Portal » pour créer ou mettre à niveau la configuration, ou « Diagnostiquer une configuration existante » pour exécuter des vérifications d&apos;intégrité en lecture seule et enregistrer un rapport pour le support.</translation>
    </message>
    <message>
        <source>Nothing is changed on AEM before the Apply step, and every change made there can be rolled back from the backup taken first.</source>
        <translation>Rien n&apos;est modifié sur AEM avant l&apos;étape Application, et chaque modification qui y est effectuée peut être annulée à partir de la sauvegarde réalisée au préalable.</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (AEM 6.5)</source>
        <translation>Configurer AEM Assets avec Brand Portal (AEM 6.5)</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal (Cloud Service)</source>
        <translation>Configurer AEM Assets avec Brand Portal (Cloud Service)</translation>
    </message>
    <message>
        <source>Enter the address of the AEM author instance (not a publish instance and not the dispatcher&apos;s address if it blocks /system/console) and an administrator&apos;s user name and password. The password is kept in the OS keychain only if you save a profile.</source>
        <translation>Saisissez l&apos;adresse de l&apos;instance de création AEM (pas une instance de publication, ni l&apos;adresse du dispatcher s&apos;il bloque /system/console) ainsi que le nom d&apos;utilisateur et le mot de passe d&apos;un administrateur. Le mot de passe n&apos;est conservé dans le trousseau du système que si vous enregistrez un profil.</translation>
    </message>
    <message>
        <source>If AEM presents a certificate this computer does not trust, you are shown its fingerprint: compare it with the one your AEM administrator gives you before you trust it.</source>
        <translation>Si AEM présente un certificat que cet ordinateur n&apos;approuve pas, son empreinte vous est affichée : comparez-la avec celle que vous donne votre administrateur AEM avant de l&apos;approuver.</translation>
    </message>
    <message>
        <source>Setting up IMS integrations for AEM</source>
        <translation>Configuration des intégrations IMS pour AEM</translation>
    </message>
    <message>
        <source>The route follows from the AEM version and from what is configured today. AEM as a Cloud Service is activated from Cloud Manager; AEM 6.5 (6.5.4.0 and above) and 6.5 LTS use a Developer Console project with an OAuth Server-to-Server credential.</source>
        <translation>Le parcours découle de la version d&apos;AEM et de ce qui est configuré actuellement. AEM as a Cloud Service s&apos;active depuis Cloud Manager ; AEM 6.5 (6.5.4.0 et ultérieur) et 6.5 LTS utilisent un projet Developer Console avec des identifiants OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>A Developer Console JWT or Legacy OAuth Gateway configuration no longer works (JWT token exchange stopped when Adobe converted the remaining JWT credentials on 2026-03-01): upgrade it to OAuth Server-to-Server.</source>
        <translation>Une configuration JWT Developer Console ou Legacy OAuth Gateway ne fonctionne plus (l&apos;échange de jetons JWT a cessé lorsqu&apos;Adobe a converti les derniers identifiants JWT le 2026-03-01) : mettez-la à niveau vers OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>Configure AEM Assets with Brand Portal</source>
        <translation>Configurer AEM Assets avec Brand Portal</translation>
    </message>
    <message>
        <source>JWT credentials deprecation in Adobe Developer Console</source>
        <translation>Abandon des identifiants JWT dans Adobe Developer Console</translation>
    </message>
    <message>
        <source>In Adobe Developer Console, open the project with the Brand Portal API and its OAuth Server-to-Server credential, then use Download JSON on the credential page (or the project&apos;s Download all), or copy the client id, client secret, organization id and scopes.</source>
        <translation>Dans Adobe Developer Console, ouvrez le projet qui comporte l&apos;API Brand Portal et ses identifiants OAuth Server-to-Server, puis utilisez Download JSON sur la page des identifiants (ou Download all du projet), ou copiez l&apos;ID client, le secret client, l&apos;ID d&apos;organisation et les portées.</translation>
    </message>
    <message>
        <source>The client secret is kept only in memory and, if you save a profile, in the OS keychain; it is never written to a file or a log.</source>
        <translation>Le secret client n&apos;est conservé qu&apos;en mémoire et, si vous enregistrez un profil, dans le trousseau du système ; il n&apos;est jamais écrit dans un fichier ni dans un journal.</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server implementation</source>
        <translation>Mise en œuvre d&apos;OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>Migrating from JWT to OAuth Server-to-Server</source>
        <translation>Migration de JWT vers OAuth Server-to-Server</translation>
    </message>
    <message>
        <source>The credential is checked by asking Adobe IMS for an access token, as AEM will. A rejected client id or secret, a wrong organization or missing scopes are named with what to do.</source>
        <translation>Les identifiants sont vérifiés en demandant un jeton d&apos;accès à Adobe IMS, comme le fera AEM. Un ID client ou un secret refusé, une organisation incorrecte ou des portées manquantes sont signalés avec la marche à suivre.</translation>
    </message>
    <message>
        <source>Behind a TLS-inspecting proxy, IMS may present a certificate this computer does not trust: check its fingerprint with your network team before trusting it.</source>
        <translation>Derrière un proxy qui inspecte le TLS, IMS peut présenter un certificat que cet ordinateur n&apos;approuve pas : vérifiez son empreinte avec votre équipe réseau avant de l&apos;approuver.</translation>
    </message>
    <message>
        <source>Every change the apply would make is listed with its old and new values (secrets shown as ***). Problems that block the apply come first, with what to do.</source>
        <translation>Chaque modification que l&apos;application effectuerait est listée avec ses anciennes et nouvelles valeurs (secrets affichés ***). Les problèmes qui bloquent l&apos;application apparaissent en premier, avec la marche à suivre.</translation>
    </message>
    <message>
        <source>Nothing has been written yet. A backup of everything listed is saved before the first change.</source>
        <translation>Rien n&apos;a encore été écrit. Une sauvegarde de tout ce qui est listé est enregistrée avant la première modification.</translation>
    </message>
    <message>
        <source>The steps run in order; each is read back from AEM to verify it. Cancel stops after the step in progress.</source>
        <translation>Les étapes s&apos;exécutent dans l&apos;ordre ; chacune est relue depuis AEM pour la vérifier. Annuler arrête après l&apos;étape en cours.</translation>
    </message>
    <message>
        <source>If a step fails, Roll back restores what was there before from the backup, and Retry runs the remaining steps again.</source>
        <translation>Si une étape échoue, Restaurer rétablit l&apos;état antérieur à partir de la sauvegarde, et Réessayer relance les étapes restantes.</translation>
    </message>
    <message>
        <source>The Brand Portal replication agents&apos; Test Connection shows whether AEM can reach the tenant with the new configuration. A failed test names the agent and AEM&apos;s answer.</source>
        <translation>Le Test Connection des agents de réplication Brand Portal indique si AEM peut atteindre le tenant avec la nouvelle configuration. Un test en échec nomme l&apos;agent et indique la réponse d&apos;AEM.</translation>
    </message>
    <message>
        <source>Troubleshoot issues in parallel publishing to Brand Portal</source>
        <translation>Résoudre les problèmes de publication parallèle vers Brand Portal</translation>
    </message>
    <message>
        <source>Read-only checks of the whole chain: AEM, the IMS configuration, Adobe IMS, the Brand Portal tenant, the agents and their queues. Each failed check says what to do.</source>
        <translation>Vérifications en lecture seule de toute la chaîne : AEM, la configuration IMS, Adobe IMS, le tenant Brand Portal, les agents et leurs files d&apos;attente. Chaque vérification en échec indique la marche à suivre.</translation>
    </message>
    <message>
        <source>Save report writes one HTML file without secrets that a customer can send to support; Copy summary copies the text version.</source>
        <translation>Enregistrer le rapport écrit un seul fichier HTML sans secret qu&apos;un client peut envoyer au support ; Copier le résumé copie la version texte.</translation>
    </message>
    <message>
        <source>The configured chain is checked end to end without changing it; only the agents&apos; Test Connection is sent. On Cloud Service the page lists the activation checks.</source>
        <translation>La chaîne configurée est vérifiée de bout en bout sans être modifiée ; seul le Test Connection des agents est envoyé. Sur Cloud Service, la page liste les vérifications de l&apos;activation.</translation>
    </message>
    <message>
        <source>The summary says what was done and where the backup is. Saving a profile keeps the connection for next time, its secrets in the OS keychain.</source>
        <translation>Le récapitulatif indique ce qui a été fait et où se trouve la sauvegarde. L&apos;enregistrement d&apos;un profil conserve la connexion pour la prochaine fois, avec ses secrets dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Publish a test asset to Brand Portal from AEM Assets to see the whole path work.</source>
        <translation>Publiez une ressource de test vers Brand Portal depuis AEM Assets pour vérifier que tout le chemin fonctionne.</translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation>Aide : %1</translation>
    </message>
    <message>
        <source>Help text</source>
        <translation>Texte d&apos;aide</translation>
    </message>
</context>
<context>
    <name>bp::ui::KeyPairDialog</name>
    <message>
        <source>Generating an RSA 2048 key pair…</source>
        <translation>Génération d&apos;une paire de clés RSA 2048…</translation>
    </message>
    <message>
        <source>Save the private key</source>
        <translation>Enregistrer la clé privée</translation>
    </message>
    <message>
        <source>Private keys (*.key *.pem);;All files (*)</source>
        <translation>Clés privées (*.key *.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Generate again</source>
        <translation>&amp;Générer à nouveau</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Générer</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Saved the private key to %1 (readable only by you) and the certificate to %2.</source>
        <translation>Clé privée enregistrée dans %1 (lisible par vous seul) et certificat enregistré dans %2.</translation>
    </message>
    <message>
        <source>The certificate is on the clipboard. Save the private key too: without it the certificate is useless.</source>
        <translation>Le certificat est dans le presse-papiers. Enregistrez aussi la clé privée : sans elle, le certificat est inutilisable.</translation>
    </message>
    <message>
        <source>Key pair generated. Save it before closing this window: Adobe never sees the private key, so it cannot be downloaded again.</source>
        <translation>Paire de clés générée. Enregistrez-la avant de fermer cette fenêtre : Adobe ne voit jamais la clé privée, elle ne peut donc pas être téléchargée à nouveau.</translation>
    </message>
    <message>
        <source>Certificate valid until %1.</source>
        <translation>Certificat valide jusqu&apos;au %1.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>Empreinte SHA-256 : %1</translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation>Générer une paire de clés</translation>
    </message>
    <message>
        <source>Creates a new RSA 2048 private key and a self-signed certificate for a Service Account (JWT) credential. The private key stays on this computer; only the certificate is uploaded.</source>
        <translation>Crée une nouvelle clé privée RSA 2048 et un certificat auto-signé pour des identifiants Service Account (JWT). La clé privée reste sur cet ordinateur ; seul le certificat est chargé.</translation>
    </message>
    <message>
        <source>Adobe retired JWT credentials: since 2025-06-30 Developer Console no longer accepts new certificates for them. Use this only if your credential still accepts a certificate, and plan the move to OAuth Server-to-Server.</source>
        <translation>Adobe a retiré les identifiants JWT : depuis le 2025-06-30, Developer Console n&apos;accepte plus de nouveaux certificats pour ceux-ci. Utilisez cette fonction uniquement si vos identifiants acceptent encore un certificat, et planifiez le passage à OAuth Server-to-Server.</translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation>&amp;Validité :</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Upload the certificate to the credential in Adobe Developer Console (Credential details → Public keys → Upload public key), then use the saved private key in this wizard.</source>
        <translation>Chargez le certificat dans les identifiants, dans Adobe Developer Console (Credential details → Public keys → Upload public key), puis utilisez la clé privée enregistrée dans cet assistant.</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>Enregi&amp;strer…</translation>
    </message>
    <message>
        <source>&amp;Copy certificate</source>
        <translation>&amp;Copier le certificat</translation>
    </message>
</context>
<context>
    <name>bp::ui::ProfilesDialog</name>
    <message>
        <source>These saved connections were written by a newer bpsetup and cannot be changed here.</source>
        <translation>Ces connexions enregistrées ont été écrites par une version plus récente de bpsetup et ne peuvent pas être modifiées ici.</translation>
    </message>
    <message>
        <source>Rename saved connection</source>
        <translation>Renommer la connexion enregistrée</translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot;:</source>
        <translation>Nouveau nom pour « %1 » :</translation>
    </message>
    <message>
        <source>Renaming &quot;%1&quot; …</source>
        <translation>Renommage de « %1 » …</translation>
    </message>
    <message>
        <source>Renamed &quot;%1&quot; to &quot;%2&quot;; its keychain entries moved with it.</source>
        <translation>« %1 » renommée en « %2 » ; ses entrées du trousseau ont suivi.</translation>
    </message>
    <message>
        <source>Delete saved connection</source>
        <translation>Supprimer la connexion enregistrée</translation>
    </message>
    <message>
        <source>Delete the saved connection &quot;%1&quot;?</source>
        <translation>Supprimer la connexion enregistrée « %1 » ?</translation>
    </message>
    <message>
        <source>Its passwords and secrets in the keychain are deleted too. Nothing changes on AEM or in Developer Console.</source>
        <translation>Ses mots de passe et secrets dans le trousseau sont également supprimés. Rien ne change sur AEM ni dans Developer Console.</translation>
    </message>
    <message>
        <source>Deleting &quot;%1&quot; and its keychain entries …</source>
        <translation>Suppression de « %1 » et de ses entrées du trousseau …</translation>
    </message>
    <message>
        <source>Deleted &quot;%1&quot; and its keychain entries.</source>
        <translation>« %1 » supprimée, ainsi que ses entrées du trousseau.</translation>
    </message>
    <message>
        <source>Saved connections</source>
        <translation>Connexions enregistrées</translation>
    </message>
    <message>
        <source>&amp;Saved connections. Their passwords and secrets are in the system keychain.</source>
        <translation>Connexion&amp;s enregistrées. Leurs mots de passe et secrets se trouvent dans le trousseau du système.</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>S&amp;upprimer…</translation>
    </message>
    <message>
        <source>no address saved</source>
        <translation>aucune adresse enregistrée</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>utilisateur %1</translation>
    </message>
    <message>
        <source>version %1 when last used</source>
        <translation>version %1 lors de la dernière utilisation</translation>
    </message>
    <message>
        <source>none saved</source>
        <translation>aucun enregistré</translation>
    </message>
    <message>
        <source>%1, client ID %2</source>
        <translation>%1, ID client %2</translation>
    </message>
    <message>
        <source>Asking the keychain …</source>
        <translation>Interrogation du trousseau …</translation>
    </message>
    <message>
        <source>Could not ask %1: %2</source>
        <translation>Impossible d&apos;interroger %1 : %2</translation>
    </message>
    <message>
        <source>%1 holds nothing for this connection.</source>
        <translation>%1 ne contient rien pour cette connexion.</translation>
    </message>
    <message>
        <source>%1 holds: %2.</source>
        <translation>%1 contient : %2.</translation>
    </message>
    <message>
        <source>No AEM password or token: it is asked for when the connection is used.</source>
        <translation>Aucun mot de passe ni jeton AEM : il est demandé lors de l&apos;utilisation de la connexion.</translation>
    </message>
    <message>
        <source>AEM:</source>
        <translation>AEM :</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Identifiants :</translation>
    </message>
    <message>
        <source>Keychain:</source>
        <translation>Trousseau :</translation>
    </message>
</context>
<context>
    <name>bp::ui::ReviewPage</name>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Reading the instance was cancelled. Nothing was changed on AEM.</source>
        <translation>La lecture de l&apos;instance a été annulée. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>Click Retry to read it again, or Back to change the inputs.</source>
        <translation>Cliquez sur Réessayer pour la relire, ou sur Précédent pour modifier les entrées.</translation>
    </message>
    <message>
        <source>Reading %1 and checking the credential with Adobe IMS … Nothing is changed on this page.</source>
        <translation>Lecture de %1 et vérification des identifiants auprès d&apos;Adobe IMS … Rien n&apos;est modifié sur cette page.</translation>
    </message>
    <message>
        <source>The plan could not be made. Nothing was changed on AEM.</source>
        <translation>Le plan n&apos;a pas pu être établi. Rien n&apos;a été modifié sur AEM.</translation>
    </message>
    <message>
        <source>This configuration cannot be applied yet.</source>
        <translation>Cette configuration ne peut pas encore être appliquée.</translation>
    </message>
    <message>
        <source>Do what is listed under &quot;Before anything can change&quot;, then come back here (Back, then Next) to review again.</source>
        <translation>Faites ce qui est indiqué sous « Avant toute modification », puis revenez ici (Précédent, puis Suivant) pour examiner à nouveau.</translation>
    </message>
    <message>
        <source>Nothing to do.</source>
        <translation>Rien à faire.</translation>
    </message>
    <message>
        <source>The configuration is already in place; Apply changes nothing.</source>
        <translation>La configuration est déjà en place ; Appliquer les modifications ne change rien.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) will be made on AEM.</source>
        <translation>
            <numerusform>%n modification sera effectuée sur AEM.</numerusform>
            <numerusform>%n modifications seront effectuées sur AEM.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check them, then click Apply. Nothing has been changed yet.</source>
        <translation>Vérifiez-les, puis cliquez sur Appliquer les modifications. Rien n&apos;a encore été modifié.</translation>
    </message>
    <message>
        <source>Before anything can change</source>
        <translation>Avant toute modification</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Que faire :</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Changes on %1</source>
        <translation>Modifications sur %1</translation>
    </message>
    <message>
        <source>Nothing to do: every object is already as it should be.</source>
        <translation>Rien à faire : chaque objet est déjà tel qu&apos;il doit être.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <source>Before the first change, the current state of every object above is saved (readable only by you) in a new folder under:</source>
        <translation>Avant la première modification, l&apos;état actuel de chaque objet ci-dessus est enregistré (lisible par vous seul) dans un nouveau dossier sous :</translation>
    </message>
    <message>
        <source>Review changes</source>
        <translation>Examiner les modifications</translation>
    </message>
    <message>
        <source>What Apply will change on AEM, object by object. Nothing is written before you click Apply.</source>
        <translation>Ce que l&apos;application modifiera sur AEM, objet par objet. Rien n&apos;est écrit avant que vous ne cliquiez sur Appliquer les modifications.</translation>
    </message>
    <message>
        <source>&amp;Apply changes</source>
        <translation>Appl&amp;iquer les modifications</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop reading the instance</source>
        <translation>Arrêter la lecture de l&apos;instance</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>Also re&amp;move the JWT key alias from the service user&apos;s keystore (backed up first; OAuth Server-to-Server needs no key pair)</source>
        <translation>Suppri&amp;mer aussi l&apos;alias de clé JWT du keystore de l&apos;utilisateur de service (sauvegardé au préalable ; OAuth Server-to-Server n&apos;a pas besoin de paire de clés)</translation>
    </message>
    <message>
        <source>Also remove the JWT key alias</source>
        <translation>Supprimer aussi l&apos;alias de clé JWT</translation>
    </message>
    <message>
        <source>Adds a last step that removes the key alias the JWT configuration used. Rollback brings it back.</source>
        <translation>Ajoute une dernière étape qui supprime l&apos;alias de clé utilisé par la configuration JWT. La restauration le rétablit.</translation>
    </message>
    <message>
        <source>Waiting up to %1 minutes for the Brand Portal agents&apos; queues to drain … Nothing is changed; Cancel stops waiting.</source>
        <translation>Attente (jusqu&apos;à %1 minutes) que les files d&apos;attente des agents Brand Portal se vident … Rien n&apos;est modifié ; Annuler arrête l&apos;attente.</translation>
    </message>
    <message>
        <source>&amp;Wait for the queues to drain (up to %1 minutes)</source>
        <translation>A&amp;ttendre que les files d&apos;attente se vident (jusqu&apos;à %1 minutes)</translation>
    </message>
    <message>
        <source>Reads the queues again every few seconds until every queued item is delivered; nothing is changed meanwhile.</source>
        <translation>Relit les files d&apos;attente toutes les quelques secondes jusqu&apos;à ce que chaque élément en file d&apos;attente soit livré ; rien n&apos;est modifié entre-temps.</translation>
    </message>
    <message>
        <source>The changes Apply will make</source>
        <translation>Modifications à appliquer</translation>
    </message>
    <message>
        <source>What each change writes, object by object, with the value before and after.</source>
        <translation>Ce que chaque modification écrit, objet par objet, avec la valeur avant et après.</translation>
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
        <translation>AEM 6.5 (6.5.4.0 et versions ultérieures), sur site ou Managed Services</translation>
    </message>
    <message>
        <source>AEM 6.5 LTS (6.6.x), on-premise or managed service</source>
        <translation>AEM 6.5 LTS (6.6.x), sur site ou Managed Services</translation>
    </message>
    <message>
        <source>Activate Brand Portal (Cloud Manager)</source>
        <translation>Activer Brand Portal (Cloud Manager)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Create configuration (Developer Console, IMS token)</source>
        <translation>Créer la configuration (Developer Console, jeton IMS)</translation>
    </message>
    <message>
        <source>Upgrade configuration</source>
        <translation>Mettre à niveau la configuration</translation>
    </message>
    <message>
        <source>Create configuration (OAuth Server-to-Server only)</source>
        <translation>Créer la configuration (OAuth Server-to-Server uniquement)</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Déploiement</translation>
    </message>
    <message>
        <source>New configuration</source>
        <translation>Nouvelle configuration</translation>
    </message>
    <message>
        <source>◀ recommended</source>
        <translation>◀ recommandé</translation>
    </message>
    <message>
        <source>(your instance: %1)</source>
        <translation>(votre instance : %1)</translation>
    </message>
    <message>
        <source>(your instance)</source>
        <translation>(votre instance)</translation>
    </message>
    <message>
        <source>What was detected on %1</source>
        <translation>Ce qui a été détecté sur %1</translation>
    </message>
    <message>
        <source>Deployment:</source>
        <translation>Déploiement :</translation>
    </message>
    <message>
        <source>Cloud Service</source>
        <translation>Cloud Service</translation>
    </message>
    <message>
        <source>(chosen manually)</source>
        <translation>(choisie manuellement)</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>n&apos;a pas pu être lue</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>supported natively</source>
        <translation>pris en charge nativement</translation>
    </message>
    <message>
        <source>supported (hotfix %1 installed)</source>
        <translation>pris en charge (correctif %1 installé)</translation>
    </message>
    <message>
        <source>needs the hotfix %1</source>
        <translation>nécessite le correctif %1</translation>
    </message>
    <message>
        <source>not available on this version</source>
        <translation>non disponible sur cette version</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>OAuth Server-to-Server:</source>
        <translation>OAuth Server-to-Server :</translation>
    </message>
    <message>
        <source>, tenant %1</source>
        <translation>, tenant %1</translation>
    </message>
    <message>
        <source>Brand Portal configuration:</source>
        <translation>Configuration Brand Portal :</translation>
    </message>
    <message>
        <source>Configuration found at:</source>
        <translation>Configuration trouvée dans :</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>rien n&apos;a été trouvé</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>✓ %1: %2</source>
        <translation>✓ %1 : %2</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1 : %2</translation>
    </message>
    <message>
        <source>Version sources:</source>
        <translation>Sources de version :</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Sources that disagree:</source>
        <translation>Sources divergentes :</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>Parcours : %1</translation>
    </message>
    <message>
        <source>Before you continue:</source>
        <translation>Avant de continuer :</translation>
    </message>
    <message>
        <source>Brand Portal cannot be set up on this instance until AEM is upgraded.</source>
        <translation>Brand Portal ne peut pas être configuré sur cette instance tant qu&apos;AEM n&apos;a pas été mis à niveau.</translation>
    </message>
    <message>
        <source>Upgrade to: %1</source>
        <translation>Mettre à niveau vers : %1</translation>
    </message>
    <message>
        <source>The route cannot be chosen because the AEM version is not known.</source>
        <translation>Le parcours ne peut pas être choisi, car la version d&apos;AEM est inconnue.</translation>
    </message>
    <message>
        <source>Go back and choose the version manually, for example after checking it in the AEM &quot;About Adobe Experience Manager&quot; dialog.</source>
        <translation>Revenez en arrière et choisissez la version manuellement, par exemple après l&apos;avoir vérifiée dans la boîte de dialogue « About Adobe Experience Manager » d&apos;AEM.</translation>
    </message>
    <message>
        <source>Supported versions: %1.</source>
        <translation>Versions prises en charge : %1.</translation>
    </message>
    <message>
        <source>You can still continue to diagnose the existing setup.</source>
        <translation>Vous pouvez tout de même continuer pour diagnostiquer la configuration existante.</translation>
    </message>
    <message>
        <source>To look at the existing setup anyway, go back to the first page and choose &quot;Diagnose an existing setup&quot;.</source>
        <translation>Pour examiner malgré tout la configuration existante, revenez à la première page et choisissez « Diagnostiquer une configuration existante ».</translation>
    </message>
    <message>
        <source>Setup route</source>
        <translation>Parcours de configuration</translation>
    </message>
    <message>
        <source>Which way of connecting Brand Portal applies to this AEM instance.</source>
        <translation>La méthode de connexion de Brand Portal qui s&apos;applique à cette instance AEM.</translation>
    </message>
    <message>
        <source>Brand Portal setup routes. Your instance&apos;s row is highlighted and the route that applies is marked &quot;recommended&quot;.</source>
        <translation>Parcours de configuration de Brand Portal. La ligne de votre instance est mise en surbrillance et le parcours applicable est marqué « recommandé ».</translation>
    </message>
    <message>
        <source>&amp;Choose the version manually…</source>
        <translation>&amp;Choisir la version manuellement…</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Choose the OAuth compatibility hotfix package</source>
        <translation>Choisir le package du correctif de compatibilité OAuth</translation>
    </message>
    <message>
        <source>Content packages (*.zip);;All files (*)</source>
        <translation>Packages de contenu (*.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>What must happen first:</source>
        <translation>Ce qui doit se faire d&apos;abord :</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Download page at Adobe Software Distribution</source>
        <translation>Page de téléchargement sur Software Distribution d&apos;Adobe</translation>
    </message>
    <message>
        <source>&amp;Hotfix package…</source>
        <translation>Package du c&amp;orrectif…</translation>
    </message>
    <message>
        <source>The %1 you downloaded from Adobe&apos;s Software Distribution: apply installs it first, through Package Manager.</source>
        <translation>Le fichier %1 que vous avez téléchargé depuis Software Distribution d&apos;Adobe : l&apos;application l&apos;installe en premier, via Package Manager.</translation>
    </message>
    <message>
        <source>Brand Portal &amp;tenant:</source>
        <translation>&amp;Tenant Brand Portal :</translation>
    </message>
    <message>
        <source>The tenant name, or its address https://&lt;tenant&gt;.brand-portal.adobe.com.</source>
        <translation>Le nom du tenant, ou son adresse https://&lt;tenant&gt;.brand-portal.adobe.com.</translation>
    </message>
    <message>
        <source>or choose the %1 you downloaded: apply then installs it first.</source>
        <translation>ou choisissez le fichier %1 que vous avez téléchargé : l&apos;application l&apos;installe alors en premier.</translation>
    </message>
    <message>
        <source>✖ blocked: see below</source>
        <translation>✖ bloqué : voir ci-dessous</translation>
    </message>
    <message>
        <source>(recommended)</source>
        <translation>(recommandé)</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Problems found:</source>
        <translation>Problèmes détectés :</translation>
    </message>
</context>
<context>
    <name>bp::ui::SetupWizard</name>
    <message>
        <source>Brand Portal Setup</source>
        <translation>Configuration de Brand Portal</translation>
    </message>
    <message>
        <source>The demo simulator could not be started: %1</source>
        <translation>Le simulateur de démonstration n&apos;a pas pu être démarré : %1</translation>
    </message>
    <message>
        <source>Brand Portal Setup — Demo mode — connected to the built-in simulator</source>
        <translation>Configuration de Brand Portal — Mode démo — connecté au simulateur intégré</translation>
    </message>
    <message>
        <source>unknown fail step &quot;%1&quot; (known: %2).</source>
        <translation>étape d&apos;échec inconnue « %1 » (connues : %2).</translation>
    </message>
    <message>
        <source>--demo-queue-items takes a number from 0 to 1000, not &quot;%1&quot;.</source>
        <translation>--demo-queue-items accepte un nombre de 0 à 1000, et non « %1 ».</translation>
    </message>
    <message>
        <source>the demo&apos;s memory (forgotten when it closes)</source>
        <translation>la mémoire de la démo (oubliée à sa fermeture)</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Validation</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Examen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Close Brand Portal Setup?</source>
        <translation>Fermer la configuration de Brand Portal ?</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>Re&amp;ster</translation>
    </message>
    <message>
        <source>The configuration was applied to AEM and stays there; closing now skips the remaining steps (tests, saving the connection). Roll back later with bpsetup rollback if needed.</source>
        <translation>La configuration a été appliquée à AEM et y reste ; si vous fermez maintenant, les étapes restantes (tests, enregistrement de la connexion) sont ignorées. Restaurez-la plus tard avec bpsetup rollback si nécessaire.</translation>
    </message>
    <message>
        <source>The credential was checked, but nothing was applied to AEM yet. Closing forgets the credential and what you typed.</source>
        <translation>Les identifiants ont été vérifiés, mais rien n&apos;a encore été appliqué à AEM. Si vous fermez, les identifiants et ce que vous avez saisi sont oubliés.</translation>
    </message>
    <message>
        <source>The previous step; nothing you entered is lost.</source>
        <translation>L&apos;étape précédente ; rien de ce que vous avez saisi n&apos;est perdu.</translation>
    </message>
    <message>
        <source>The next step, once this one is complete.</source>
        <translation>L&apos;étape suivante, une fois celle-ci terminée.</translation>
    </message>
    <message>
        <source>Writes the reviewed changes to AEM, with a backup first.</source>
        <translation>Écrit dans AEM les modifications examinées, après une sauvegarde.</translation>
    </message>
    <message>
        <source>Saves the connection if chosen, and closes the wizard.</source>
        <translation>Enregistre la connexion si vous l&apos;avez choisi, puis ferme l&apos;assistant.</translation>
    </message>
    <message>
        <source>Closes the wizard; asks first when work would be lost.</source>
        <translation>Ferme l&apos;assistant ; demande d&apos;abord confirmation si du travail risque d&apos;être perdu.</translation>
    </message>
    <message>
        <source>Explains this step, with links to Adobe&apos;s documentation (F1).</source>
        <translation>Explique cette étape, avec des liens vers la documentation d&apos;Adobe (F1).</translation>
    </message>
</context>
<context>
    <name>bp::ui::StepList</name>
    <message>
        <source>current step</source>
        <translation>étape en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>to come</source>
        <translation>à venir</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3, %4</source>
        <translation>Étape %1 sur %2 : %3, %4</translation>
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
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
Que faire : %2</translation>
    </message>
    <message>
        <source>The apply run reported no tests.</source>
        <translation>L&apos;application n&apos;a signalé aucun test.</translation>
    </message>
    <message>
        <source>Check the Brand Portal replication agents in AEM (Tools › Deployment › Replication › Agents on author): Test Connection should succeed and the queue be idle.</source>
        <translation>Vérifiez les agents de réplication Brand Portal dans AEM (Tools › Deployment › Replication › Agents on author) : Test Connection doit réussir et la file d&apos;attente doit être inactive.</translation>
    </message>
    <message numerus="yes">
        <source>All %n test(s) passed: AEM can publish to Brand Portal.</source>
        <translation>
            <numerusform>%n test sur %n a réussi : AEM peut publier vers Brand Portal.</numerusform>
            <numerusform>Les %n tests ont réussi : AEM peut publier vers Brand Portal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 test(s) did not pass.</source>
        <translation>
            <numerusform>%n test sur %1 n&apos;a pas réussi.</numerusform>
            <numerusform>%n tests sur %1 n&apos;ont pas réussi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Whether AEM can publish to Brand Portal: each replication agent&apos;s connection and queue.</source>
        <translation>Vérifie si AEM peut publier vers Brand Portal : connexion et file d&apos;attente de chaque agent de réplication.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <source>Each replication agent&apos;s connection test and queue, with the result.</source>
        <translation>Le test de connexion et la file d&apos;attente de chaque agent de réplication, avec le résultat.</translation>
    </message>
</context>
<context>
    <name>bp::ui::ValidatePage</name>
    <message>
        <source>Go back to the previous page to choose the key or enter its passphrase.</source>
        <translation>Revenez à la page précédente pour choisir la clé ou saisir sa phrase secrète.</translation>
    </message>
    <message>
        <source>Contacting Adobe IMS at %1 …</source>
        <translation>Connexion à Adobe IMS sur %1 …</translation>
    </message>
    <message>
        <source>Validation cancelled. Nothing was sent to AEM.</source>
        <translation>Validation annulée. Rien n&apos;a été envoyé à AEM.</translation>
    </message>
    <message>
        <source>; secret %1 of %2 accepted</source>
        <translation>, secret %1 sur %2 accepté</translation>
    </message>
    <message>
        <source>The credential is valid.</source>
        <translation>Les identifiants sont valides.</translation>
    </message>
    <message>
        <source>The first secret was refused: delete it in Developer Console once nothing uses it any more.</source>
        <translation>Le premier secret a été refusé : supprimez-le dans Developer Console dès que plus rien ne l&apos;utilise.</translation>
    </message>
    <message>
        <source>Validation cancelled.</source>
        <translation>Validation annulée.</translation>
    </message>
    <message>
        <source>The credential could not be checked.</source>
        <translation>Les identifiants n&apos;ont pas pu être vérifiés.</translation>
    </message>
    <message>
        <source>IMS answer: %1</source>
        <translation>Réponse d&apos;IMS : %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Description : %1</translation>
    </message>
    <message>
        <source>Debug id for Adobe support: %1</source>
        <translation>ID de débogage pour le support Adobe : %1</translation>
    </message>
    <message>
        <source>This answer did not come from Adobe IMS deciding on the credential; the credential may still be fine.</source>
        <translation>Cette réponse ne provient pas d&apos;une décision d&apos;Adobe IMS sur les identifiants ; ceux-ci sont peut-être corrects.</translation>
    </message>
    <message>
        <source>Continue without validation</source>
        <translation>Continuer sans validation</translation>
    </message>
    <message>
        <source>Why can the credential not be validated now? The reason is written to the log.</source>
        <translation>Pourquoi les identifiants ne peuvent-ils pas être validés maintenant ? La raison est consignée dans le journal.</translation>
    </message>
    <message>
        <source>Continuing without validation (reason: %1). Test the connection after the configuration is applied.</source>
        <translation>Poursuite sans validation (raison : %1). Testez la connexion une fois la configuration appliquée.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Technical account</source>
        <translation>Compte technique</translation>
    </message>
    <message>
        <source>Metascopes</source>
        <translation>Métascopes</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <source>two (rotation): IMS is asked with the first, then the second</source>
        <translation>deux (rotation) : IMS est interrogé avec le premier, puis avec le second</translation>
    </message>
    <message>
        <source>one</source>
        <translation>un</translation>
    </message>
    <message>
        <source> — ending in %1</source>
        <translation> — se terminant par %1</translation>
    </message>
    <message>
        <source>Client secrets</source>
        <translation>Secrets client</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>held by AEM</source>
        <translation>détenue par AEM</translation>
    </message>
    <message>
        <source>stored in the keychain</source>
        <translation>stockée dans le trousseau</translation>
    </message>
    <message>
        <source>Adobe IMS</source>
        <translation>Adobe IMS</translation>
    </message>
    <message>
        <source>Validate credentials</source>
        <translation>Valider les identifiants</translation>
    </message>
    <message>
        <source>Ask Adobe IMS for a token with these credentials before anything is changed on AEM. The token is thrown away.</source>
        <translation>Demandez un jeton à Adobe IMS avec ces identifiants avant toute modification sur AEM. Le jeton est ensuite jeté.</translation>
    </message>
    <message>
        <source>AEM generated this credential&apos;s key pair, so its private key exists only inside AEM and cannot be used to validate from here. AEM&apos;s own IMS health check tests the credential after the configuration is applied. Click Next to continue.</source>
        <translation>AEM a généré la paire de clés de ces identifiants : sa clé privée n&apos;existe donc que dans AEM et ne peut pas servir à valider d&apos;ici. Le contrôle d&apos;intégrité IMS d&apos;AEM teste les identifiants une fois la configuration appliquée. Cliquez sur Suivant pour continuer.</translation>
    </message>
    <message>
        <source>&amp;Validate with Adobe IMS</source>
        <translation>&amp;Valider avec Adobe IMS</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop validating</source>
        <translation>Arrêter la validation</translation>
    </message>
    <message>
        <source>C&amp;ontinue without validation (support staff working offline)</source>
        <translation>C&amp;ontinuer sans validation (personnel du support travaillant hors ligne)</translation>
    </message>
    <message>
        <source>IMS issued a %1 token valid for %2</source>
        <translation>IMS a délivré un jeton %1 valable %2</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from Adobe&apos;s by %1; synchronise it (NTP).</source>
        <translation>L&apos;horloge de cet ordinateur diffère de celle d&apos;Adobe de %1 ; synchronisez-la (NTP).</translation>
    </message>
    <message>
        <source>The certificate is trusted for this session only, because it could not be saved: %1</source>
        <translation>Le certificat est approuvé pour cette session uniquement, car il n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>IMS answer: %1 (%2)</source>
        <translation>Réponse d&apos;IMS : %1 (%2)</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted.</source>
        <translation>Le certificat de %1 n&apos;est pas approuvé.</translation>
    </message>
    <message>
        <source>Continued without validating the credential with client ID %1 for %2; reason: %3.</source>
        <translation>Poursuite sans validation des identifiants (ID client %1) pour %2 ; raison : %3.</translation>
    </message>
    <message>
        <source>Adobe IMS had rejected it: %1</source>
        <translation>Adobe IMS les avait refusés : %1</translation>
    </message>
    <message>
        <source>The last check had said: %1</source>
        <translation>La dernière vérification avait indiqué : %1</translation>
    </message>
    <message>
        <source>Adobe IMS rejected this credential; continuing without validation (reason: %1). Publishing to Brand Portal will fail until the credential is fixed.</source>
        <translation>Adobe IMS a refusé ces identifiants ; poursuite sans validation (raison : %1). La publication vers Brand Portal échouera tant que les identifiants ne seront pas corrigés.</translation>
    </message>
    <message>
        <source>The reason is recorded in %1.</source>
        <translation>La raison est consignée dans %1.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Asks Adobe IMS for a token with this credential; nothing is sent to AEM.</source>
        <translation>Demande un jeton à Adobe IMS avec ces identifiants ; rien n&apos;est envoyé à AEM.</translation>
    </message>
    <message>
        <source>For support staff without access to Adobe IMS: asks for a reason, which is recorded.</source>
        <translation>Pour le personnel du support sans accès à Adobe IMS : demande une raison, qui est consignée.</translation>
    </message>
</context>
<context>
    <name>bp::ui::VerifyPage</name>
    <message>
        <source>Verifying %1: reading the configuration, testing the agents…</source>
        <translation>Vérification de %1 : lecture de la configuration, test des agents…</translation>
    </message>
    <message>
        <source>&amp;Cancel verification</source>
        <translation>Annuler la vérifi&amp;cation</translation>
    </message>
    <message>
        <source>&amp;Verify again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Activate Brand Portal in Cloud Manager:</source>
        <translation>Activez Brand Portal dans Cloud Manager :</translation>
    </message>
    <message>
        <source>bpsetup writes nothing on AEM as a Cloud Service. When Cloud Manager shows &quot;Activated&quot;, verify what activation created.</source>
        <translation>bpsetup n&apos;écrit rien sur AEM as a Cloud Service. Lorsque Cloud Manager affiche « Activated », vérifiez ce que l&apos;activation a créé.</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Vérification annulée.</translation>
    </message>
    <message>
        <source>AEM could not be read: %1</source>
        <translation>Impossible de lire AEM : %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>%1
What to do: %2</source>
        <translation>%1
Que faire : %2</translation>
    </message>
    <message>
        <source>%1 of %2 checks failed; the first failing link: %3.</source>
        <translation>%1 vérifications sur %2 ont échoué ; premier maillon en échec : %3.</translation>
    </message>
    <message>
        <source>Every link of the Brand Portal connection passed its check.</source>
        <translation>Chaque maillon de la connexion Brand Portal a réussi sa vérification.</translation>
    </message>
    <message>
        <source>Activate Brand Portal and verify</source>
        <translation>Activer Brand Portal et vérifier</translation>
    </message>
    <message>
        <source>Verify the configuration</source>
        <translation>Vérifier la configuration</translation>
    </message>
    <message>
        <source>AEM as a Cloud Service: Cloud Manager creates the configuration; bpsetup checks what activation created.</source>
        <translation>AEM as a Cloud Service : Cloud Manager crée la configuration ; bpsetup vérifie ce que l&apos;activation a créé.</translation>
    </message>
    <message>
        <source>The configured chain end to end: IMS configuration, cloud configuration, agents and their queues. Nothing is changed.</source>
        <translation>La chaîne configurée de bout en bout : configuration IMS, configuration cloud, agents et leurs files d&apos;attente. Rien n&apos;est modifié.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>&amp;Vérifier maintenant</translation>
    </message>
    <message>
        <source>Reads the configuration and runs each agent&apos;s Test Connection; changes nothing.</source>
        <translation>Lit la configuration et exécute le Test Connection de chaque agent ; ne modifie rien.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Vérifications</translation>
    </message>
    <message>
        <source>Each check of the configured chain with its result and what was read.</source>
        <translation>Chaque vérification de la chaîne configurée avec son résultat et ce qui a été lu.</translation>
    </message>
</context>
<context>
    <name>bp::ui::WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Connect Adobe Experience Manager Assets to Adobe Brand Portal.</source>
        <translation>Connectez Adobe Experience Manager Assets à Adobe Brand Portal.</translation>
    </message>
    <message>
        <source>This tool connects to your AEM author instance, finds out which AEM version and deployment it is and how Brand Portal is configured today, and then tells you which setup route applies: activating Brand Portal in Cloud Manager, creating a new configuration, or upgrading an existing one.</source>
        <translation>Cet outil se connecte à votre instance de création AEM, détermine sa version d&apos;AEM et son déploiement ainsi que la configuration actuelle de Brand Portal, puis vous indique le parcours de configuration applicable : activation de Brand Portal dans Cloud Manager, création d&apos;une nouvelle configuration ou mise à niveau d&apos;une configuration existante.</translation>
    </message>
    <message>
        <source>Connecting and detecting only reads from AEM. Nothing is changed until you review and confirm the changes in a later step.</source>
        <translation>La connexion et la détection ne font que lire AEM. Rien n&apos;est modifié tant que vous n&apos;avez pas examiné et confirmé les modifications lors d&apos;une étape ultérieure.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo mode&lt;/b&gt; — connected to the built-in simulator. No real AEM instance or Adobe account is used; the connection details are already filled in.</source>
        <translation>&lt;b&gt;Mode démo&lt;/b&gt; — connecté au simulateur intégré. Aucune instance AEM réelle ni aucun compte Adobe n&apos;est utilisé ; les informations de connexion sont déjà renseignées.</translation>
    </message>
    <message>
        <source>What do you want to do?</source>
        <translation>Que voulez-vous faire ?</translation>
    </message>
    <message>
        <source>&amp;Set up Brand Portal</source>
        <translation>&amp;Configurer Brand Portal</translation>
    </message>
    <message>
        <source>Create a new Brand Portal configuration or upgrade an existing one.</source>
        <translation>Créer la configuration Brand Portal, ou mettre à niveau celle qui existe.</translation>
    </message>
    <message>
        <source>&amp;Diagnose an existing setup</source>
        <translation>&amp;Diagnostiquer une configuration existante</translation>
    </message>
    <message>
        <source>Check an existing Brand Portal configuration and explain what is wrong.</source>
        <translation>Vérifier une configuration Brand Portal existante et expliquer ce qui ne va pas.</translation>
    </message>
    <message>
        <source>Create or upgrade the Brand Portal configuration of an AEM author.</source>
        <translation>Créer ou mettre à niveau la configuration Brand Portal d&apos;une instance de création AEM.</translation>
    </message>
    <message>
        <source>Read-only checks of an existing connection, with a report for support.</source>
        <translation>Vérifications en lecture seule d&apos;une connexion existante, avec un rapport pour le support.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>bpsetup: no display found, so the wizard cannot open. Run it on a desktop session, or use the headless commands (bpsetup --help).</source>
        <translation>bpsetup : aucun affichage trouvé, l&apos;assistant ne peut donc pas s&apos;ouvrir. Exécutez-le dans une session de bureau, ou utilisez les commandes sans interface graphique (bpsetup --help).</translation>
    </message>
    <message>
        <source>bpsetup: unknown language &quot;%1&quot; for --lang. Use a code such as de, en, fr or ja.</source>
        <translation>bpsetup : langue inconnue « %1 » pour --lang. Utilisez un code tel que de, en, fr ou ja.</translation>
    </message>
</context>
</TS>
