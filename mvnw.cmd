<# : batch portion
@REM ----------------------------------------------------------------------------
@REM Maven launcher for this project (Windows; no wrapper jar, no repository host).
@REM This file is both a batch script and, below the batch part, a PowerShell script.
@REM
@REM 1. If mvn is on PATH, run it with all arguments (MAVEN_OPTS, MAVEN_ARGS and
@REM    .mvn\*.config are honoured by Maven itself).
@REM 2. Otherwise download the Maven version named by mavenVersion in
@REM    .mvn\wrapper\maven-wrapper.properties from the Maven repository whose base
@REM    URL is in MVNW_REPOURL, unpack it under
@REM    MAVEN_USER_HOME\wrapper\dists\apache-maven-VERSION-bin\URLHASH
@REM    and run it. Later runs reuse the unpacked copy.
@REM
@REM Environment:
@REM   MVNW_REPOURL     Maven repository base URL; the artifact path
@REM                    org/apache/maven/apache-maven/VERSION/apache-maven-VERSION-bin.EXT
@REM                    is appended. Needed only when there is no mvn on PATH.
@REM   MAVEN_USER_HOME  Where wrapper\dists lives; default is .m2 in the user profile.
@REM
@REM The download, checksum and unpacking are done by the PowerShell part at the end
@REM of this file. Keep this file with CRLF line endings.
@REM ----------------------------------------------------------------------------
@echo off
setlocal EnableExtensions DisableDelayedExpansion

where mvn >nul 2>nul
if errorlevel 1 goto mvnw_download
rem A Maven on PATH wins. Without CALL, control passes to mvn.cmd and its exit code is ours.
mvn %*
exit /b %ERRORLEVEL%

:mvnw_download
set "MVNW_SCRIPT=%~f0"
set "MVNW_BASEDIR=%~dp0"
set "MVNW_MVN_CMD="
rem A PSModulePath inherited from PowerShell 7 breaks Windows PowerShell's module loading.
set "MVNW_SAVED_PSMODULEPATH=%PSModulePath%"
set "PSModulePath="
for /f "usebackq tokens=1,* delims==" %%A in (`powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "Invoke-Expression ([System.IO.File]::ReadAllText($env:MVNW_SCRIPT))"`) do (
  if "%%A"=="MVNW_MVN_CMD" set "MVNW_MVN_CMD=%%B"
)
set "PSModulePath=%MVNW_SAVED_PSMODULEPATH%"
set "MVNW_SAVED_PSMODULEPATH="
if not defined MVNW_MVN_CMD exit /b 1
"%MVNW_MVN_CMD%" %*
exit /b %ERRORLEVEL%
: end batch portion, begin PowerShell #>

$ErrorActionPreference = 'Stop'

function Say([string] $Message) {
  [Console]::Error.WriteLine("mvnw: $Message")
}

function Fail([string] $Message) {
  [Console]::Error.WriteLine("mvnw: error: $Message")
  exit 1
}

if (-not $env:MVNW_REPOURL) {
  Fail 'no Maven on PATH and MVNW_REPOURL is not set. Set MVNW_REPOURL to your Maven repository base URL or install Maven.'
}

$propsFile = Join-Path $env:MVNW_BASEDIR '.mvn\wrapper\maven-wrapper.properties'
if (-not (Test-Path -LiteralPath $propsFile -PathType Leaf)) {
  Fail "$propsFile is missing"
}
$props = @{}
foreach ($line in [System.IO.File]::ReadAllLines($propsFile)) {
  $text = $line.Trim()
  if ($text -eq '' -or $text.StartsWith('#') -or $text.StartsWith('!')) { continue }
  $eq = $text.IndexOfAny([char[]] '=:')
  if ($eq -lt 1) { continue }
  $props[$text.Substring(0, $eq).Trim()] = $text.Substring($eq + 1).Trim()
}

$version = $props['mavenVersion']
if (-not $version) { Fail "mavenVersion is not set in $propsFile" }
if ($version -notmatch '^[A-Za-z0-9._-]+$') { Fail "mavenVersion '$version' in $propsFile is not a valid version" }
$format = $props['distributionFormat']
if (-not $format) { $format = 'zip' }
if ($format -ne 'zip' -and $format -ne 'tar.gz') { Fail "distributionFormat must be zip or tar.gz, not '$format'" }
$sha512 = $props['distributionSha512Sum']

$archiveName = "apache-maven-$version-bin.$format"
$url = $env:MVNW_REPOURL.TrimEnd('/') + "/org/apache/maven/apache-maven/$version/$archiveName"

$sha256 = [System.Security.Cryptography.SHA256]::Create()
$urlHash = -join ($sha256.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($url)) | ForEach-Object { $_.ToString('x2') })
$m2 = if ($env:MAVEN_USER_HOME) { $env:MAVEN_USER_HOME } else { Join-Path $HOME '.m2' }
$distsDir = Join-Path $m2 "wrapper\dists\apache-maven-$version-bin"
$mavenHome = Join-Path $distsDir $urlHash
$mvnCmd = Join-Path $mavenHome 'bin\mvn.cmd'

if (-not (Test-Path -LiteralPath $mvnCmd -PathType Leaf)) {
  New-Item -ItemType Directory -Path $distsDir -Force | Out-Null
  $tmpDir = Join-Path $distsDir ('.download.' + [Guid]::NewGuid().ToString('N'))
  New-Item -ItemType Directory -Path $tmpDir | Out-Null
  try {
    $archive = Join-Path $tmpDir $archiveName
    Say "no mvn on PATH; downloading Maven $version from $url"
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    try {
      (New-Object System.Net.WebClient).DownloadFile($url, $archive)
    } catch {
      Fail "download of $url failed: $($_.Exception.Message)"
    }

    if ($sha512) {
      $stream = [System.IO.File]::OpenRead($archive)
      try {
        $actual = -join ([System.Security.Cryptography.SHA512]::Create().ComputeHash($stream) | ForEach-Object { $_.ToString('x2') })
      } finally {
        $stream.Dispose()
      }
      if ($actual -ne $sha512.ToLowerInvariant()) {
        Fail "SHA-512 of $archiveName is $actual, expected $sha512 (distributionSha512Sum in $propsFile)"
      }
    }

    $unpackDir = Join-Path $tmpDir 'unpack'
    New-Item -ItemType Directory -Path $unpackDir | Out-Null
    if ($format -eq 'zip') {
      Add-Type -AssemblyName System.IO.Compression.FileSystem
      [System.IO.Compression.ZipFile]::ExtractToDirectory($archive, $unpackDir)
    } else {
      & tar.exe -xzf $archive -C $unpackDir
      if ($LASTEXITCODE -ne 0) { Fail "cannot unpack $archiveName" }
    }
    $unpacked = Join-Path $unpackDir "apache-maven-$version"
    if (-not (Test-Path -LiteralPath (Join-Path $unpacked 'bin\mvn.cmd') -PathType Leaf)) {
      Fail "$archiveName does not contain apache-maven-$version\bin\mvn.cmd"
    }
    Set-Content -LiteralPath (Join-Path $unpacked 'mvnw.url') -Value $url

    # Another mvnw may have finished first; keep whichever copy landed.
    if (-not (Test-Path -LiteralPath $mavenHome)) {
      try {
        Move-Item -LiteralPath $unpacked -Destination $mavenHome
      } catch {
        if (-not (Test-Path -LiteralPath $mvnCmd -PathType Leaf)) { Fail "cannot move Maven into ${mavenHome}: $($_.Exception.Message)" }
      }
    }
  } finally {
    Remove-Item -LiteralPath $tmpDir -Recurse -Force -ErrorAction SilentlyContinue
  }
  if (-not (Test-Path -LiteralPath $mvnCmd -PathType Leaf)) { Fail "$mavenHome exists but has no bin\mvn.cmd; delete it and retry" }
  Say "installed Maven $version in $mavenHome"
}

Write-Output "MVNW_MVN_CMD=$mvnCmd"
