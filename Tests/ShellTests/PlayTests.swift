import Testing
import Foundation
@testable import Shell

@Test func play() {
    guard let path = ProcessInfo.processInfo.environment["PLAY"] else { return }
    let shell = Shell(options: ShellOptions(json: ProcessInfo.processInfo.environment["PLAYJSON"] != nil, echo: true))
    let out = shell.runFile(path: path)
    print(out.stdout + "---stderr---\n" + out.stderr)
}
