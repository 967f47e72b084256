import Testing
import Foundation
@testable import Shell

@Test func play() {
    guard let path = ProcessInfo.processInfo.environment["PLAY"] else { return }
    let quiet = ProcessInfo.processInfo.environment["PLAYQUIET"] != nil
    let shell = Shell(options: ShellOptions(json: ProcessInfo.processInfo.environment["PLAYJSON"] != nil, render: ProcessInfo.processInfo.environment["PLAYRENDER"] != nil || !quiet, echo: !quiet))
    let clock = ContinuousClock()
    var out = ShellOutput()
    let t = clock.measure { out = shell.runFile(path: path) }
    if quiet { print("elapsed \(t), \(out.commands) commands, \(out.failures) failures"); print(out.stdout.suffix(400)) } else {
    print(out.stdout + "---stderr---\n" + out.stderr) }
}
